import { create } from 'zustand';
import { type TicketSummary, ticketKeyString } from '../../shared/domain/ticket.ts';
import { followSelection, type QueueSelection } from '../queue/follow-selection.ts';
import { useNoticeStore } from './notice-store.ts';
import { type RowsChange, useSearchStore } from './search-store.ts';

interface SelectionState {
  selection: QueueSelection;
  /** Bumped when the engineer moves the selection, so the queue scrolls it into view. */
  revealRequest: number;
  /** The queue's scroll position while the ticket view covers it. */
  queueScrollTop: number;
  /** Moves the selection by `delta` rows, clamped to the list. */
  move(delta: number): void;
  select(key: string): void;
}

const indexes = new WeakMap<readonly TicketSummary[], Map<string, number>>();

/** Row of each ticket in `rows`, computed once per list so moving through 100,000 rows stays O(1) per key. */
export function rowIndexOf(rows: readonly TicketSummary[], key: string): number {
  let index = indexes.get(rows);
  if (index === undefined) {
    index = new Map(rows.map((ticket, row) => [ticketKeyString(ticket), row]));
    indexes.set(rows, index);
  }
  return index.get(key) ?? -1;
}

/** The selected row of the queue: the same ticket across re-sorts, searches and a visit to the ticket view. */
export const useSelectionStore = create<SelectionState>()((set, get) => ({
  selection: { key: null, index: 0 },
  revealRequest: 0,
  queueScrollTop: 0,
  move(delta) {
    const rows = useSearchStore.getState().rows;
    if (rows.length === 0) return;
    const { selection, revealRequest } = get();
    const current = selection.key === null ? -1 : rowIndexOf(rows, selection.key);
    const index = Math.max(0, Math.min(rows.length - 1, (current < 0 ? selection.index : current) + delta));
    set({ selection: { key: ticketKeyString(rows[index]!), index }, revealRequest: revealRequest + 1 });
  },
  select(key) {
    const index = rowIndexOf(useSearchStore.getState().rows, key);
    if (index >= 0) set({ selection: { key, index }, revealRequest: get().revealRequest + 1 });
  },
}));

/** The selected ticket's summary, or null. */
export function selectedTicket(): TicketSummary | null {
  const { rows } = useSearchStore.getState();
  const { key, index } = useSelectionStore.getState().selection;
  const ticket = rows[index];
  return ticket !== undefined && ticketKeyString(ticket) === key ? ticket : null;
}

/** Keeps the selection on its ticket as the rows change, and says so when a push moved it. Returns the unsubscribe. */
export function connectSelectionStore(): () => void {
  const follow = (rows: TicketSummary[], rowsChange: RowsChange): void => {
    const { selection, change } = followSelection(useSelectionStore.getState().selection, {
      count: rows.length,
      keyAt: (index) => ticketKeyString(rows[index]!),
      indexOf: (key) => rowIndexOf(rows, key),
    });
    useSelectionStore.setState({ selection });
    if (rowsChange !== 'refresh') return;
    if (change.kind === 'moved') useNoticeStore.getState().post(`Queue re-sorted; your ticket moved to row ${change.to + 1}`);
    if (change.kind === 'left') useNoticeStore.getState().post(`Your ticket left this view; row ${selection.index + 1} is selected`);
  };
  const { rows, rowsChange } = useSearchStore.getState();
  follow(rows, rowsChange);
  return useSearchStore.subscribe((state, previous) => {
    if (state.rows !== previous.rows) follow(state.rows, state.rowsChange);
  });
}
