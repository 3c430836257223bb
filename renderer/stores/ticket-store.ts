import { create } from 'zustand';
import type { TicketDetail } from '../../shared/domain/ticket-detail.ts';
import { type TicketKey, type TicketSummary, ticketKeyString } from '../../shared/domain/ticket.ts';
import { triageHost } from '../host/triage-host.ts';

/** Several pushes about the open ticket arrive close together (a sync page, then its SLA): fetch once they settle. */
const RELOAD_DEBOUNCE_MS = 150;

export type TicketLoad =
  | { state: 'loading' }
  | { state: 'ready'; detail: TicketDetail }
  | { state: 'gone' }
  | { state: 'error'; message: string };

export interface OpenTicket {
  key: TicketKey;
  /** The queue's row, shown at once while the detail loads, so the header does not wait or shift. */
  summary: TicketSummary;
  load: TicketLoad;
}

interface TicketState {
  /** The ticket the ticket view shows; null while the queue shows. */
  open: OpenTicket | null;
  openTicket(summary: TicketSummary): void;
  close(): void;
  reload(): Promise<void>;
}

/** A view cache of the open ticket's detail, refetched when the core says the ticket changed. */
export const useTicketStore = create<TicketState>()((set, get) => ({
  open: null,
  openTicket(summary) {
    const key = { accountId: summary.accountId, sourceId: summary.sourceId };
    set({ open: { key, summary, load: { state: 'loading' } } });
    void get().reload();
  },
  close() {
    set({ open: null });
  },
  async reload() {
    const opened = get().open;
    if (opened === null) return;
    const stillOpen = (): boolean => {
      const now = get().open;
      return now !== null && ticketKeyString(now.key) === ticketKeyString(opened.key);
    };
    const host = triageHost();
    if (!host) {
      set({ open: { ...opened, load: { state: 'error', message: 'This page has no Triage Desk host.' } } });
      return;
    }
    try {
      const detail = await host.getTicket(opened.key);
      if (!stillOpen()) return;
      const current = get().open!;
      set({ open: detail === null ? { ...current, load: { state: 'gone' } } : { ...current, summary: detail, load: { state: 'ready', detail } } });
    } catch (error) {
      if (!stillOpen()) return;
      // A failed refresh keeps the detail already shown; only a first load shows the error.
      const current = get().open!;
      if (current.load.state !== 'ready') {
        set({ open: { ...current, load: { state: 'error', message: error instanceof Error ? error.message : String(error) } } });
      }
    }
  },
}));

let reloadTimer: ReturnType<typeof setTimeout> | null = null;
function reloadSoon(): void {
  if (reloadTimer !== null) clearTimeout(reloadTimer);
  reloadTimer = setTimeout(() => {
    reloadTimer = null;
    void useTicketStore.getState().reload();
  }, RELOAD_DEBOUNCE_MS);
}

/** Opens a ticket known only by its key (a refused write's): its summary comes with its detail. */
export async function openTicketByKey(key: TicketKey): Promise<void> {
  const detail = await triageHost()?.getTicket(key);
  if (detail) useTicketStore.getState().openTicket(detail);
}

/** Refetches the open ticket when a push names it (or changes tickets in bulk) or the host comes back. Returns the unsubscribe. */
export function connectTicketStore(): () => void {
  const host = triageHost();
  if (!host) return () => undefined;
  const isOpen = (key: TicketKey): boolean => {
    const open = useTicketStore.getState().open;
    return open !== null && ticketKeyString(open.key) === ticketKeyString(key);
  };
  const unsubscribes = [
    // A bulk change (a first sync's dues, an account removed) does not list its tickets: the open one may be among them.
    host.onTicketsChanged(({ upserted, removed, bulk }) => {
      if (bulk || upserted.some(isOpen) || removed.some(isOpen)) reloadSoon();
    }),
    host.onConnectionChanged(({ connected }) => {
      if (connected && useTicketStore.getState().open !== null) reloadSoon();
    }),
  ];
  return () => unsubscribes.forEach((unsubscribe) => unsubscribe());
}
