import { create } from 'zustand';
import { showRows, useRowsStore } from './rows-store.ts';
import { useQueueStore } from './queue-store.ts';
import { selectionAnchor } from './selection-store.ts';

interface SearchState {
  query: string;
  setQuery(query: string): void;
}

export const isActiveQuery = (query: string): boolean => query.trim() !== '';

/**
 * The search box: while a query is typed the queue lists the core's full-text search over every ticket (subjects,
 * the conversation, customers, organizations, tags); otherwise the current view. Each keystroke asks again and only
 * the latest answer is shown.
 */
export const useSearchStore = create<SearchState>()((set) => ({
  query: '',
  setQuery(query) {
    set({ query });
    const source = isActiveQuery(query) ? ({ kind: 'search', query } as const) : ({ kind: 'view', view: useQueueStore.getState().view } as const);
    void showRows(source, selectionAnchor());
  },
}));

/** Choosing a view ends the search. Returns the unsubscribe. */
export function connectSearchStore(): () => void {
  return useRowsStore.subscribe((rows, previous) => {
    if (rows.source !== previous.source && rows.source.kind === 'view' && isActiveQuery(useSearchStore.getState().query)) {
      useSearchStore.setState({ query: '' });
    }
  });
}
