import { SEARCH_INPUT_ID } from '../keyboard/focus-targets.ts';
import { type SearchResult, useSearchStore } from '../stores/search-store.ts';

function resultText(result: SearchResult): string {
  if (result.state === 'error') return 'Search failed';
  if (result.state === 'ready') return result.total === 1 ? '1 ticket' : `${result.total} tickets`;
  return 'Searching…';
}

/** "/" lands here: full text over every ticket. Arrows, Enter and Esc keep working while typing (see the registry). */
export function SearchBox() {
  const query = useSearchStore((state) => state.query);
  const setQuery = useSearchStore((state) => state.setQuery);
  const result = useSearchStore((state) => state.result);
  const searching = query.trim() !== '';
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
        <span className="search-count" data-testid="search-count" title={result.state === 'error' ? result.message : undefined}>
          {resultText(result)}
        </span>
      ) : (
        <kbd className="search-key" aria-hidden="true">
          /
        </kbd>
      )}
    </div>
  );
}
