import { create } from 'zustand';
import type { TicketSummary } from '../../shared/domain/ticket.ts';
import { filterLoadedTickets } from '../search/filter-loaded-tickets.ts';
import { useQueueStore } from './queue-store.ts';

/** Why the rows last changed: a new view, a push that refreshed the view, or a new query. */
export type RowsChange = 'view' | 'refresh' | 'search';

interface SearchState {
  query: string;
  /** The rows the queue shows: the view's rows, narrowed to those matching the query while a search is active. */
  rows: TicketSummary[];
  rowsChange: RowsChange;
  setQuery(query: string): void;
}

/**
 * The search box and what it narrows the queue to. Today the query filters the view's loaded rows here; the core's
 * full-text search will answer `rows` instead (a request per query, the latest answer wins), with the same state.
 */
export const useSearchStore = create<SearchState>()((set) => ({
  query: '',
  rows: [],
  rowsChange: 'view',
  setQuery(query) {
    set({ query, rows: rowsFor(useQueueStore.getState().tickets, query), rowsChange: 'search' });
  },
}));

function rowsFor(tickets: TicketSummary[], query: string): TicketSummary[] {
  return query.trim() === '' ? tickets : filterLoadedTickets(tickets, query);
}

/** Follows the queue's rows. Returns the unsubscribe. */
export function connectSearchStore(): () => void {
  const sync = (tickets: TicketSummary[], rowsChange: RowsChange): void =>
    useSearchStore.setState({ rows: rowsFor(tickets, useSearchStore.getState().query), rowsChange });
  sync(useQueueStore.getState().tickets, 'view');
  return useQueueStore.subscribe((state, previous) => {
    if (state.tickets !== previous.tickets) sync(state.tickets, state.view === previous.view ? 'refresh' : 'view');
  });
}
