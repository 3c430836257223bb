import { create } from 'zustand';
import { type TicketSummary, ticketKeyString } from '../../shared/domain/ticket.ts';
import { followSelection, type QueueSelection } from '../queue/follow-selection.ts';
import { useNoticeStore } from './notice-store.ts';
import { type RowAnchor, rowAt, useRowsStore } from './rows-store.ts';

interface SelectionState {
  selection: QueueSelection;
  /** Bumped when the engineer moves the selection, so the queue scrolls it into view. */
  revealRequest: number;
  /** The queue's scroll position while the ticket view covers it. */
  queueScrollTop: number;
  /** Moves the selection by `delta` rows, clamped to the list. */
  move(delta: number): void;
  /** Selects the ticket on row `index` (a click). */
  select(index: number): void;
}

/** The selected row of the queue: the same ticket across re-sorts, searches and a visit to the ticket view. */
export const useSelectionStore = create<SelectionState>()((set, get) => ({
  selection: { key: null, index: 0 },
  revealRequest: 0,
  queueScrollTop: 0,
  move(delta) {
    const { total } = useRowsStore.getState();
    if (total === 0) return;
    const { selection, revealRequest } = get();
    const index = Math.max(0, Math.min(total - 1, selection.index + delta));
    // A row whose page is still on its way is selected by its place; its ticket follows with the page.
    const ticket = rowAt(index);
    set({ selection: { key: ticket === undefined ? null : ticketKeyString(ticket), index }, revealRequest: revealRequest + 1 });
  },
  select(index) {
    const ticket = rowAt(index);
    if (ticket !== undefined) set({ selection: { key: ticketKeyString(ticket), index }, revealRequest: get().revealRequest + 1 });
  },
}));

/** The selected ticket's summary, or null. */
export function selectedTicket(): TicketSummary | null {
  const { key, index } = useSelectionStore.getState().selection;
  const ticket = rowAt(index);
  return ticket !== undefined && ticketKeyString(ticket) === key ? ticket : null;
}

/** The selected ticket and its row, for the core to say where it is in new rows. */
export function selectionAnchor(): RowAnchor | null {
  const { key, index } = useSelectionStore.getState().selection;
  return key === null ? null : { key, index };
}

/** Keeps the selection on its ticket as the rows change, and says so when a push moved it. Returns the unsubscribe. */
export function connectSelectionStore(): () => void {
  return useRowsStore.subscribe((rows, previous) => {
    // While other rows load, the selection waits for them: the core will say where its ticket is.
    if (rows.load.state !== 'ready' || (rows.pages === previous.pages && rows.total === previous.total)) return;
    const relocated = rows.change !== 'pages';
    // Other rows asked for without the selected ticket (another view) start from their first row.
    const before = rows.change === 'source' && rows.located === null ? { key: null, index: 0 } : useSelectionStore.getState().selection;
    const { selection, change } = followSelection(before, {
      total: rows.total,
      keyAt: (index) => rows.pages.keyAt(index),
      located: relocated ? rows.located : null,
    });
    useSelectionStore.setState({ selection });
    if (rows.change !== 'refresh') return;
    if (change.kind === 'moved') useNoticeStore.getState().post(`Queue re-sorted; your ticket moved to row ${change.to + 1}`);
    if (change.kind === 'left') useNoticeStore.getState().post(`Your ticket left this view; row ${selection.index + 1} is selected`);
  });
}
