import { SEARCH_INPUT_ID } from '../keyboard/focus-targets.ts';
import { useQueueStore } from '../stores/queue-store.ts';
import { useSearchStore } from '../stores/search-store.ts';

/** "/" lands here. Arrows, Enter and Esc keep working while typing (see the action registry). */
export function SearchBox() {
  const query = useSearchStore((state) => state.query);
  const setQuery = useSearchStore((state) => state.setQuery);
  const shown = useSearchStore((state) => state.rows.length);
  const total = useQueueStore((state) => state.tickets.length);
  const searching = query.trim() !== '';
  return (
    <div className="search" role="search">
      <input
        id={SEARCH_INPUT_ID}
        className="search-input"
        type="search"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        placeholder="Search subject, customer, tags"
        aria-label="Search tickets in this view"
        aria-controls="queue-grid"
        autoComplete="off"
        spellCheck={false}
      />
      {searching ? (
        <span className="search-count" data-testid="search-count">
          {shown} of {total}
        </span>
      ) : (
        <kbd className="search-key" aria-hidden="true">
          /
        </kbd>
      )}
    </div>
  );
}
