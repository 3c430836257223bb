import { create } from 'zustand';
import type { TicketSummary } from '../../shared/domain/ticket.ts';
import { triageHost } from '../host/triage-host.ts';
import { useQueueStore } from './queue-store.ts';

/** The most results one search shows, as for a view. */
const RESULT_LIMIT = 5000;

/** Why the rows last changed: a new view, a push that refreshed them, or a new query. */
export type RowsChange = 'view' | 'refresh' | 'search';

export type SearchResult = { state: 'idle' } | { state: 'ready'; total: number } | { state: 'error'; message: string };

interface SearchState {
  query: string;
  /** The rows the queue shows: the view's rows, or the tickets matching the query while a search is active. */
  rows: TicketSummary[];
  rowsChange: RowsChange;
  result: SearchResult;
  setQuery(query: string): void;
}

const active = (query: string): boolean => query.trim() !== '';

/** Answers arrive out of order when the engineer types fast: only the latest query's answer is shown. */
let latestSearch = 0;

async function runSearch(query: string, rowsChange: RowsChange): Promise<void> {
  const host = triageHost();
  if (!host) return;
  const search = ++latestSearch;
  try {
    const { tickets, total } = await host.searchTickets({ query, offset: 0, limit: RESULT_LIMIT });
    if (search === latestSearch) useSearchStore.setState({ rows: tickets, rowsChange, result: { state: 'ready', total } });
  } catch (error) {
    if (search === latestSearch) useSearchStore.setState({ result: { state: 'error', message: error instanceof Error ? error.message : String(error) } });
  }
}

/**
 * The search box and what it puts in the queue: the core's full-text search over every ticket (subjects, the
 * conversation, customers, organizations, tags) while a query is typed, the current view's rows otherwise.
 */
export const useSearchStore = create<SearchState>()((set) => ({
  query: '',
  rows: [],
  rowsChange: 'view',
  result: { state: 'idle' },
  setQuery(query) {
    set({ query });
    if (active(query)) {
      void runSearch(query, 'search');
      return;
    }
    latestSearch++;
    set({ rows: useQueueStore.getState().tickets, rowsChange: 'search', result: { state: 'idle' } });
  },
}));

/**
 * Follows the queue: its rows while no search is active, a fresh search when a push refreshed it. Choosing a view
 * ends the search. Returns the unsubscribe.
 */
export function connectSearchStore(): () => void {
  if (!active(useSearchStore.getState().query)) useSearchStore.setState({ rows: useQueueStore.getState().tickets, rowsChange: 'view' });
  return useQueueStore.subscribe((state, previous) => {
    if (state.tickets === previous.tickets && state.view === previous.view) return;
    if (state.view !== previous.view) {
      latestSearch++;
      useSearchStore.setState({ query: '', rows: state.tickets, rowsChange: 'view', result: { state: 'idle' } });
      return;
    }
    const { query } = useSearchStore.getState();
    if (active(query)) void runSearch(query, 'refresh');
    else useSearchStore.setState({ rows: state.tickets, rowsChange: 'refresh' });
  });
}
