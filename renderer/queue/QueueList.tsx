import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import { ticketKeyString } from '../../shared/domain/ticket.ts';
import { QUEUE_GRID_ID } from '../keyboard/focus-targets.ts';
import { openSelected } from '../keyboard/triage-actions.ts';
import { useTicketSelectionStore } from '../macros/ticket-selection-store.ts';
import { useQueueStore } from '../stores/queue-store.ts';
import { showRows, useRowsStore, wantRows } from '../stores/rows-store.ts';
import { selectionAnchor, useSelectionStore } from '../stores/selection-store.ts';
import type { QueueSelection } from './follow-selection.ts';
import { PlaceholderRow, QueueRow, queueRowId } from './QueueRow.tsx';
import type { RowPages } from './row-pages.ts';
import { useNow } from './use-now.ts';

const ROW_HEIGHT = 36;

/**
 * The open tickets of the current view or search: a virtualized grid over the whole of it whose rows come in pages
 * fetched around the screen, so 100,000 rows cost what the visible ones cost. The grid holds keyboard focus and
 * points at the selected row; the selected ticket stays put on screen when a push re-sorts the rows around it.
 */
export function QueueList() {
  const source = useRowsStore((state) => state.source);
  const rowsSource = useRowsStore((state) => state.rowsSource);
  const load = useRowsStore((state) => state.load);
  const total = useRowsStore((state) => state.total);
  const pages = useRowsStore((state) => state.pages);
  const change = useRowsStore((state) => state.change);
  const fresh = useQueueStore((state) => state.fresh);
  const selection = useSelectionStore((state) => state.selection);
  const revealRequest = useSelectionStore((state) => state.revealRequest);
  const picked = useTicketSelectionStore((state) => state.tickets);
  const now = useNow(30_000);
  const scroller = useRef<HTMLDivElement>(null);
  const ready = load.state === 'ready';
  const virtualizer = useVirtualizer({
    count: rowsSource === null ? 0 : total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    // Rows beyond the screen: each costs style, layout and paint whenever the rows change (a view, a re-sort).
    overscan: 4,
    // Back from the ticket view: where the engineer left the queue.
    initialOffset: () => useSelectionStore.getState().queueScrollTop,
  });
  const items = virtualizer.getVirtualItems();
  const firstShown = items[0]?.index ?? 0;
  const endShown = (items.at(-1)?.index ?? -1) + 1;

  const onOpen = useCallback((index: number) => {
    useSelectionStore.getState().select(index);
    openSelected();
  }, []);

  // The pages on screen and around it, fetched when missing (scrolling, a refresh, a page evicted).
  useEffect(() => {
    if (ready) wantRows(firstShown, endShown, selection.index);
  }, [ready, pages, firstShown, endShown, selection.index]);

  /**
   * Scrolls just enough to show row `index`, by setting scrollTop: rows have one height, and the virtualizer's own
   * scrollToIndex re-reads the layout over the next frames (about a millisecond of forced layout per key press).
   */
  const reveal = useCallback((index: number) => {
    const element = scroller.current;
    if (element === null) return;
    const top = index * ROW_HEIGHT;
    const viewTop = virtualizer.scrollOffset ?? element.scrollTop;
    const height = virtualizer.scrollRect?.height ?? element.clientHeight;
    if (top < viewTop) element.scrollTop = top;
    else if (top + ROW_HEIGHT > viewTop + height) element.scrollTop = top + ROW_HEIGHT - height;
  }, [virtualizer]);

  // Once per mount: the engineer's row is in view when the queue comes back, and its place is kept on the way out.
  useEffect(() => {
    if (ready && total > 0) reveal(useSelectionStore.getState().selection.index);
    return () => useSelectionStore.setState({ queueScrollTop: virtualizer.scrollOffset ?? 0 });
  }, []);

  useEffect(() => {
    if (revealRequest > 0) reveal(useSelectionStore.getState().selection.index);
  }, [revealRequest, reveal]);

  // A push re-sorted the rows: scroll by as many rows as the selected ticket moved, so it stays where the engineer's
  // eyes are and the rows move around it. Other rows (a view, a search) show the selected row wherever it is.
  const shown = useRef<{ selection: QueueSelection; pages: RowPages } | null>(null);
  useLayoutEffect(() => {
    const previous = shown.current;
    shown.current = { selection, pages };
    const element = scroller.current;
    if (previous === null || element === null || previous.pages === pages) return;
    if (change === 'source') {
      reveal(selection.index);
      return;
    }
    const before = previous.selection;
    if (change !== 'refresh' || selection.key === null || before.key !== selection.key || before.index === selection.index) return;
    const top = before.index * ROW_HEIGHT;
    const wasOnScreen = top + ROW_HEIGHT > element.scrollTop && top < element.scrollTop + element.clientHeight;
    if (wasOnScreen) element.scrollTop += (selection.index - before.index) * ROW_HEIGHT;
  }, [pages, selection, change, reveal]);

  const searching = source.kind === 'search';
  let message = null;
  if (load.state === 'error' && searching) {
    message = (
      <div className="queue-message" role="alert">
        <p>The search failed: {load.message}</p>
      </div>
    );
  } else if (load.state === 'error') {
    message = (
      <div className="queue-message" role="alert">
        <p>The queue could not be loaded: {load.message}</p>
        <button type="button" onClick={() => void showRows(source, selectionAnchor())}>
          Try again
        </button>
      </div>
    );
  } else if (rowsSource === null) {
    message = (
      <div className="queue-message" aria-busy="true">
        <p>Loading tickets…</p>
      </div>
    );
  } else if (total === 0) {
    message = rowsSource.kind === 'search' ? (
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

  const selectedShown = message === null && selection.key !== null && pages.keyAt(selection.index) === selection.key;
  return (
    <div
      id={QUEUE_GRID_ID}
      className="queue"
      role="grid"
      aria-label="Tickets"
      aria-rowcount={total + 1}
      aria-activedescendant={selectedShown ? queueRowId(selection.key!) : undefined}
      data-empty={message !== null}
      // Which rows are on screen: "view:p1", "search:…" once they have arrived (tests and the bench wait on it).
      data-rows={rowsSource === null ? undefined : rowsSource.kind === 'view' ? `view:${rowsSource.view}` : `search:${rowsSource.query}`}
      aria-busy={!ready}
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
      {/* Out of the tab order: Chromium makes a scroller a tab stop of its own, and the grid already holds focus. */}
      <div className="queue-scroller" ref={scroller} data-testid="queue" tabIndex={-1}>
        {message ?? (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const ticket = pages.rowAt(item.index);
              if (ticket === undefined) {
                return <PlaceholderRow key={item.index} top={item.start} rowIndex={item.index + 2} selected={item.index === selection.index} />;
              }
              const key = ticketKeyString(ticket);
              return (
                <QueueRow
                  // Keyed by row, not ticket: another view or a re-sort updates the row elements in place
                  // instead of removing and creating them (most of a view switch's DOM work).
                  key={item.index}
                  ticket={ticket}
                  fresh={fresh.has(key)}
                  selected={key === selection.key}
                  picked={picked.has(key)}
                  now={now}
                  top={item.start}
                  index={item.index}
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
