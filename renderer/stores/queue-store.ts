import { create } from 'zustand';
import type { QueueView } from '../../shared/domain/queue-view.ts';
import type { SyncStatus } from '../../shared/domain/sync-status.ts';
import { type TicketSummary, ticketKeyString } from '../../shared/domain/ticket.ts';
import { triageHost } from '../host/triage-host.ts';

/** The most rows one view holds in memory until the queue pages (the triage workspace issue). */
const VIEW_LIMIT = 5000;
/** Several pages of a sync arrive close together: fetch the view once they settle. */
const REFRESH_DEBOUNCE_MS = 150;
/** How long a ticket that just arrived or changed is marked as such. */
const FRESH_MS = 8_000;

export type QueueLoad = { state: 'loading' } | { state: 'ready' } | { state: 'error'; message: string };

interface QueueState {
  view: QueueView;
  load: QueueLoad;
  total: number;
  tickets: TicketSummary[];
  /** Keys of tickets that changed in the last few seconds, with when. */
  fresh: ReadonlyMap<string, number>;
  sync: SyncStatus | null;
  hostConnected: boolean;
  selectView(view: QueueView): void;
  refresh(): Promise<void>;
}

/** A view cache of the queue: the core owns the tickets; this holds the rows on screen and follows the pushes. */
export const useQueueStore = create<QueueState>()((set, get) => ({
  view: 'all_open',
  load: { state: 'loading' },
  total: 0,
  tickets: [],
  fresh: new Map(),
  sync: null,
  hostConnected: true,
  selectView(view) {
    set({ view, load: { state: 'loading' }, tickets: [], total: 0 });
    void get().refresh();
  },
  async refresh() {
    const host = triageHost();
    if (!host) {
      set({ load: { state: 'error', message: 'This page has no Triage Desk host. Open it with "npm start" or "npm run web".' } });
      return;
    }
    const view = get().view;
    try {
      const page = await host.listTickets({ view, offset: 0, limit: VIEW_LIMIT });
      if (get().view === view) set({ tickets: page.tickets, total: page.total, load: { state: 'ready' } });
    } catch (error) {
      set({ load: { state: 'error', message: error instanceof Error ? error.message : String(error) } });
    }
  },
}));

let refreshTimer: ReturnType<typeof setTimeout> | null = null;
function refreshSoon(): void {
  if (refreshTimer !== null) clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => {
    refreshTimer = null;
    void useQueueStore.getState().refresh();
  }, REFRESH_DEBOUNCE_MS);
}

/** Subscribes the store to the host's pushes and loads the first view. Returns the unsubscribe. */
export function connectQueueStore(): () => void {
  const host = triageHost();
  const store = useQueueStore;
  void store.getState().refresh();
  if (!host) return () => undefined;
  void host.getSyncStatus({}).then(
    (sync) => store.setState({ sync }),
    () => undefined,
  );
  const unsubscribes = [
    host.onTicketsChanged(({ upserted, removed }) => {
      const now = Date.now();
      const fresh = new Map([...store.getState().fresh].filter(([, at]) => now - at < FRESH_MS));
      for (const ticket of upserted) fresh.set(ticketKeyString(ticket), now);
      for (const key of removed) fresh.delete(ticketKeyString(key));
      store.setState({ fresh });
      refreshSoon();
    }),
    host.onSyncStatusChanged((sync) => store.setState({ sync })),
    host.onConnectionChanged(({ connected }) => {
      store.setState({ hostConnected: connected });
      if (connected) refreshSoon();
    }),
  ];
  return () => unsubscribes.forEach((unsubscribe) => unsubscribe());
}
