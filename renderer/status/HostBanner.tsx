import { useQueueStore } from '../stores/queue-store.ts';
import { formatInstant } from '../ticket/format-instant.ts';

/** Says plainly when the host went away, instead of leaving a spinner or a status line that still says "up to date". */
export function HostBanner() {
  const lostAt = useQueueStore((state) => state.hostLostAt);
  if (lostAt === null) return null;
  return (
    <div className="banner banner-offline" role="alert" data-testid="host-gone">
      <strong>Offline: the Triage Desk host is not answering</strong> (since {formatInstant(lostAt)}). The queue shows what
      was last synced and will not change, and sync states below are as last known. This page reconnects on its own when
      the host is back.
    </div>
  );
}
