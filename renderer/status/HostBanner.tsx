import { useQueueStore } from '../stores/queue-store.ts';

/** Says plainly when the host went away, instead of leaving a spinner. */
export function HostBanner() {
  const connected = useQueueStore((state) => state.hostConnected);
  if (connected) return null;
  return (
    <div className="banner banner-offline" role="alert" data-testid="host-gone">
      Lost the connection to the Triage Desk host. The queue below is what was last synced; this page reconnects on its
      own when the host is back.
    </div>
  );
}
