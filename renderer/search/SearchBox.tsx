import { SEARCH_INPUT_ID } from '../keyboard/focus-targets.ts';
import { type RowsLoad, useRowsStore } from '../stores/rows-store.ts';
import { isActiveQuery, useSearchStore } from '../stores/search-store.ts';

function resultText(load: RowsLoad, total: number): string {
  if (load.state === 'error') return 'Search failed';
  if (load.state === 'ready') return total === 1 ? '1 ticket' : `${total} tickets`;
  return 'Searching…';
}

/** "/" lands here: full text over every ticket. Arrows, Enter and Esc keep working while typing (see the registry). */
export function SearchBox() {
  const query = useSearchStore((state) => state.query);
  const setQuery = useSearchStore((state) => state.setQuery);
  // The rows the queue lists are the search's while it is active.
  const load = useRowsStore((state) => state.load);
  const total = useRowsStore((state) => state.total);
  const searching = isActiveQuery(query);
  return (
    <div className="search" role="search">
      <input
        id={SEARCH_INPUT_ID}
        className="search-input"
        type="search"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        placeholder="Search tickets, customers, errors"
        aria-label="Search all tickets"
        aria-controls="queue-grid"
        autoComplete="off"
        spellCheck={false}
      />
      {searching ? (
        <span className="search-count" data-testid="search-count" title={load.state === 'error' ? load.message : undefined}>
          {resultText(load, total)}
        </span>
      ) : (
        <kbd className="search-key" aria-hidden="true">
          /
        </kbd>
      )}
    </div>
  );
}
