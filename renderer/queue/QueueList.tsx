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
    count: ready ? total : 0,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
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

  // Once per mount: the engineer's row is in view when the queue comes back, and its place is kept on the way out.
  useEffect(() => {
    if (ready && total > 0) virtualizer.scrollToIndex(useSelectionStore.getState().selection.index, { align: 'auto' });
    return () => useSelectionStore.setState({ queueScrollTop: virtualizer.scrollOffset ?? 0 });
  }, []);

  useEffect(() => {
    if (revealRequest > 0) virtualizer.scrollToIndex(useSelectionStore.getState().selection.index, { align: 'auto' });
  }, [revealRequest, virtualizer]);

  // A push re-sorted the rows: scroll by as many rows as the selected ticket moved, so it stays where the engineer's
  // eyes are and the rows move around it. Other rows (a view, a search) show the selected row wherever it is.
  const shown = useRef<{ selection: QueueSelection; pages: RowPages } | null>(null);
  useLayoutEffect(() => {
    const previous = shown.current;
    shown.current = { selection, pages };
    const element = scroller.current;
    if (previous === null || element === null || previous.pages === pages) return;
    if (change === 'source') {
      virtualizer.scrollToIndex(selection.index, { align: 'auto' });
      return;
    }
    const before = previous.selection;
    if (change !== 'refresh' || selection.key === null || before.key !== selection.key || before.index === selection.index) return;
    const top = before.index * ROW_HEIGHT;
    const wasOnScreen = top + ROW_HEIGHT > element.scrollTop && top < element.scrollTop + element.clientHeight;
    if (wasOnScreen) virtualizer.scrollToOffset(element.scrollTop + (selection.index - before.index) * ROW_HEIGHT);
  }, [pages, selection, change, virtualizer]);

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
  } else if (load.state === 'loading') {
    message = (
      <div className="queue-message" aria-busy="true">
        <p>Loading tickets…</p>
      </div>
    );
  } else if (total === 0) {
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
      data-rows={ready ? (source.kind === 'view' ? `view:${source.view}` : `search:${source.query}`) : undefined}
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
            {items.map((item) => {
              const ticket = pages.rowAt(item.index);
              if (ticket === undefined) {
                return <PlaceholderRow key={`row-${item.index}`} top={item.start} rowIndex={item.index + 2} selected={item.index === selection.index} />;
              }
              const key = ticketKeyString(ticket);
              return (
                <QueueRow
                  key={key}
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
