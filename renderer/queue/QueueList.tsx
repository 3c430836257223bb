import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import { ticketKeyString } from '../../shared/domain/ticket.ts';
import { QUEUE_GRID_ID } from '../keyboard/focus-targets.ts';
import { openSelected } from '../keyboard/triage-actions.ts';
import { useQueueStore } from '../stores/queue-store.ts';
import { useSearchStore } from '../stores/search-store.ts';
import { useSelectionStore } from '../stores/selection-store.ts';
import type { QueueSelection } from './follow-selection.ts';
import { QueueRow, queueRowId } from './QueueRow.tsx';
import { useNow } from './use-now.ts';

const ROW_HEIGHT = 36;

/**
 * The open tickets of the current view: a virtualized grid so 100,000 rows cost what the visible ones cost. The grid
 * holds keyboard focus and points at the selected row; the selected ticket stays put on screen when a push
 * re-sorts the rows around it.
 */
export function QueueList() {
  const rows = useSearchStore((state) => state.rows);
  const rowsChange = useSearchStore((state) => state.rowsChange);
  const searching = useSearchStore((state) => state.query.trim() !== '');
  const searchResult = useSearchStore((state) => state.result);
  const load = useQueueStore((state) => state.load);
  const fresh = useQueueStore((state) => state.fresh);
  const refresh = useQueueStore((state) => state.refresh);
  const selection = useSelectionStore((state) => state.selection);
  const revealRequest = useSelectionStore((state) => state.revealRequest);
  const now = useNow(30_000);
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // Back from the ticket view: where the engineer left the queue.
    initialOffset: () => useSelectionStore.getState().queueScrollTop,
  });

  const onOpen = useCallback((key: string) => {
    useSelectionStore.getState().select(key);
    openSelected();
  }, []);

  // Once per mount: the engineer's row is in view when the queue comes back, and its place is kept on the way out.
  useEffect(() => {
    const index = useSelectionStore.getState().selection.index;
    if (rows.length > 0) virtualizer.scrollToIndex(index, { align: 'auto' });
    return () => useSelectionStore.setState({ queueScrollTop: virtualizer.scrollOffset ?? 0 });
  }, []);

  useEffect(() => {
    if (revealRequest > 0) virtualizer.scrollToIndex(useSelectionStore.getState().selection.index, { align: 'auto' });
  }, [revealRequest, virtualizer]);

  // A push re-sorted the rows: scroll by as many rows as the selected ticket moved, so it stays where the engineer's
  // eyes are and the rows move around it. A new search shows the selected row wherever it is.
  const shown = useRef<QueueSelection | null>(null);
  useLayoutEffect(() => {
    const previous = shown.current;
    shown.current = selection;
    const element = scroller.current;
    if (previous === null || element === null || selection.key === null) return;
    if (rowsChange === 'search') {
      virtualizer.scrollToIndex(selection.index, { align: 'auto' });
      return;
    }
    if (rowsChange !== 'refresh' || previous.key !== selection.key || previous.index === selection.index) return;
    const top = previous.index * ROW_HEIGHT;
    const wasOnScreen = top + ROW_HEIGHT > element.scrollTop && top < element.scrollTop + element.clientHeight;
    if (wasOnScreen) virtualizer.scrollToOffset(element.scrollTop + (selection.index - previous.index) * ROW_HEIGHT);
  }, [rows, selection, rowsChange, virtualizer]);

  let message = null;
  if (searching && searchResult.state === 'error') {
    message = (
      <div className="queue-message" role="alert">
        <p>The search failed: {searchResult.message}</p>
      </div>
    );
  } else if (load.state === 'error') {
    message = (
      <div className="queue-message" role="alert">
        <p>The queue could not be loaded: {load.message}</p>
        <button type="button" onClick={() => void refresh()}>
          Try again
        </button>
      </div>
    );
  } else if (load.state === 'loading') {
    message = (
      <div className="queue-message" aria-busy="true">
        <p>Loading tickets…</p>
      </div>
    );
  } else if (rows.length === 0) {
    message = searching ? (
      <div className="queue-message" data-testid="queue-empty">
        <p>No ticket matches the search.</p>
        <p className="hint">
          <kbd>Esc</kbd> clears it.
        </p>
      </div>
    ) : (
      <div className="queue-message" data-testid="queue-empty">
        <p>No open tickets in this view.</p>
        <p className="hint">New tickets appear here as they are synced.</p>
      </div>
    );
  }

  const selectedShown = message === null && selection.key !== null;
  return (
    <div
      id={QUEUE_GRID_ID}
      className="queue"
      role="grid"
      aria-label="Tickets"
      aria-rowcount={rows.length + 1}
      aria-activedescendant={selectedShown ? queueRowId(selection.key!) : undefined}
      data-empty={message !== null}
      tabIndex={0}
    >
      <div className="queue-row queue-header" role="row" aria-rowindex={1}>
        <span role="columnheader">Sev</span>
        <span role="columnheader" title="Time left to the SLA metric due next (calendar time)">
          Due
        </span>
        <span role="columnheader">Subject</span>
        <span role="columnheader">Customer</span>
        <span role="columnheader">Plan</span>
        <span role="columnheader">Status</span>
        <span role="columnheader">Assignee</span>
        <span role="columnheader">Updated</span>
      </div>
      <div className="queue-scroller" ref={scroller} data-testid="queue">
        {message ?? (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const ticket = rows[item.index]!;
              const key = ticketKeyString(ticket);
              return (
                <QueueRow
                  key={key}
                  ticket={ticket}
                  fresh={fresh.has(key)}
                  selected={key === selection.key}
                  now={now}
                  top={item.start}
                  rowIndex={item.index + 2}
                  onOpen={onOpen}
                />
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}
