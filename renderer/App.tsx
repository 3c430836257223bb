import { useEffect } from 'react';
import { QUEUE_VIEWS, QUEUE_VIEW_LABELS } from '../shared/domain/queue-view.ts';
import { QueueList } from './queue/QueueList.tsx';
import { HostBanner } from './status/HostBanner.tsx';
import { StatusLine } from './status/StatusLine.tsx';
import { connectQueueStore, useQueueStore } from './stores/queue-store.ts';

export function App() {
  useEffect(() => connectQueueStore(), []);
  const view = useQueueStore((state) => state.view);
  const total = useQueueStore((state) => state.total);
  const selectView = useQueueStore((state) => state.selectView);

  return (
    <div className="app">
      <header className="topbar">
        <h1 className="brand">Triage Desk</h1>
        <nav className="views" aria-label="Queue views">
          {QUEUE_VIEWS.map((id) => (
            <button
              key={id}
              type="button"
              className="view-tab"
              aria-current={id === view ? 'page' : undefined}
              onClick={() => selectView(id)}
            >
              {QUEUE_VIEW_LABELS[id]}
              {id === view && <span className="view-count" data-testid="view-count">{total}</span>}
            </button>
          ))}
        </nav>
      </header>
      <HostBanner />
      <main className="queue-pane">
        <QueueList />
      </main>
      <StatusLine />
    </div>
  );
}
