import { create } from 'zustand';
import { FIRST_QUEUE_VIEW, type QueueView } from '../../shared/domain/queue-view.ts';
import type { SyncStatus } from '../../shared/domain/sync-status.ts';
import { ticketKeyString } from '../../shared/domain/ticket.ts';
import { triageHost } from '../host/triage-host.ts';
import { refreshRows, showRows } from './rows-store.ts';
import { selectionAnchor } from './selection-store.ts';

/** Several pages of a sync arrive close together: fetch the rows on screen once they settle. */
const REFRESH_DEBOUNCE_MS = 150;
/** How long a ticket that just arrived or changed is marked as such. */
const FRESH_MS = 8_000;

interface QueueState {
  view: QueueView;
  /** Keys of tickets that changed in the last few seconds, with when. */
  fresh: ReadonlyMap<string, number>;
  sync: SyncStatus | null;
  /** When the connection to the host was lost (epoch ms), while it is; null while connected. */
  hostLostAt: number | null;
  /** Lists the view from its top, its first ticket selected (ending a search). */
  selectView(view: QueueView): void;
}

/** The queue's view, what changed lately, and the sync and connection state the status line shows. */
export const useQueueStore = create<QueueState>()((set) => ({
  view: FIRST_QUEUE_VIEW,
  fresh: new Map(),
  sync: null,
  hostLostAt: null,
  selectView(view) {
    set({ view });
    // Another view starts at its top, as a mail client's folders do: the ticket selected before may be thousands of
    // rows down in it, and looking for it there would cost a second fetch and a jump.
    void showRows({ kind: 'view', view }, null);
  },
}));

let refreshTimer: ReturnType<typeof setTimeout> | null = null;
function refreshSoon(): void {
  if (refreshTimer !== null) clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => {
    refreshTimer = null;
    void refreshRows(selectionAnchor());
  }, REFRESH_DEBOUNCE_MS);
}

/** Subscribes the store to the host's pushes and loads the first view. Returns the unsubscribe. */
export function connectQueueStore(): () => void {
  const host = triageHost();
  const store = useQueueStore;
  void showRows({ kind: 'view', view: store.getState().view }, selectionAnchor());
  if (!host) return () => undefined;
  // An answer is older than any push that arrived while it was on its way (a poll's end pushed over the socket
  // overtakes the answer to a request made during that poll): it then changes nothing.
  let statusPushes = 0;
  const loadSyncStatus = (): void => {
    const pushesBefore = statusPushes;
    void host.getSyncStatus({}).then(
      (sync) => {
        if (statusPushes === pushesBefore) store.setState({ sync });
      },
      () => undefined,
    );
  };
  loadSyncStatus();
  const unsubscribes = [
    // A bulk change (a first sync, an account removed) and a listed one alike: the rows on screen are fetched again.
    host.onTicketsChanged(({ upserted, removed }) => {
      const now = Date.now();
      const fresh = new Map([...store.getState().fresh].filter(([, at]) => now - at < FRESH_MS));
      for (const ticket of upserted) fresh.set(ticketKeyString(ticket), now);
      for (const key of removed) fresh.delete(ticketKeyString(key));
      store.setState({ fresh });
      refreshSoon();
    }),
    host.onSyncStatusChanged((sync) => {
      statusPushes += 1;
      store.setState({ sync });
    }),
    host.onConnectionChanged(({ connected }) => {
      store.setState({ hostLostAt: connected ? null : (store.getState().hostLostAt ?? Date.now()) });
      // Pushes sent while the page had no connection (before its first one, or while the host was away) are lost:
      // what they carried is read again.
      if (connected) {
        refreshSoon();
        loadSyncStatus();
      }
    }),
  ];
  return () => unsubscribes.forEach((unsubscribe) => unsubscribe());
}
