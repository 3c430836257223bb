import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { ticketKeyString } from '../../shared/domain/ticket.ts';
import { useQueueStore } from '../stores/queue-store.ts';
import { QueueRow } from './QueueRow.tsx';
import { useNow } from './use-now.ts';

const ROW_HEIGHT = 36;

/** The open tickets of the current view: a virtualized list so 100,000 rows cost what the visible ones cost. */
export function QueueList() {
  const tickets = useQueueStore((state) => state.tickets);
  const load = useQueueStore((state) => state.load);
  const fresh = useQueueStore((state) => state.fresh);
  const refresh = useQueueStore((state) => state.refresh);
  const now = useNow(30_000);
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: tickets.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  if (load.state === 'error') {
    return (
      <div className="queue-message" role="alert">
        <p>The queue could not be loaded: {load.message}</p>
        <button type="button" onClick={() => void refresh()}>
          Try again
        </button>
      </div>
    );
  }
  if (load.state === 'loading') {
    return (
      <div className="queue-message" aria-busy="true">
        <p>Loading tickets…</p>
      </div>
    );
  }
  if (tickets.length === 0) {
    return (
      <div className="queue-message" data-testid="queue-empty">
        <p>No open tickets in this view.</p>
        <p className="hint">New tickets appear here as they are synced.</p>
      </div>
    );
  }

  return (
    <div className="queue" role="table" aria-label="Tickets" aria-rowcount={tickets.length + 1}>
      <div className="queue-row queue-header" role="row">
        <span role="columnheader">Sev</span>
        <span role="columnheader" title="Time left to the SLA metric due next (calendar time)">Due</span>
        <span role="columnheader">Subject</span>
        <span role="columnheader">Customer</span>
        <span role="columnheader">Plan</span>
        <span role="columnheader">Status</span>
        <span role="columnheader">Assignee</span>
        <span role="columnheader">Updated</span>
      </div>
      <div className="queue-scroller" ref={scroller} data-testid="queue">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const ticket = tickets[item.index]!;
            const key = ticketKeyString(ticket);
            return (
              <QueueRow
                key={key}
                ticket={ticket}
                fresh={fresh.has(key)}
                now={now}
                top={item.start}
                rowIndex={item.index + 2}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
