import type { AccountSyncStatus } from '../../shared/domain/sync-status.ts';
import { formatAge } from '../queue/format-age.ts';
import { useNow } from '../queue/use-now.ts';
import { useNoticeStore } from '../stores/notice-store.ts';
import { useQueueStore } from '../stores/queue-store.ts';

const STATE_WORDS: Record<AccountSyncStatus['state'], string> = {
  starting: 'starting',
  syncing: 'syncing…',
  idle: 'up to date',
  auth_failed: 'sign-in refused',
  unreachable: 'unreachable',
  error: 'sync error',
};

/** One line per account: what it is, whether it is current, and what went wrong if it did; and the app's notices. */
export function StatusLine() {
  const sync = useQueueStore((state) => state.sync);
  const notice = useNoticeStore((state) => state.notice);
  const now = useNow(10_000);
  return (
    <footer className="status-line" data-testid="status-line">
      {/* Always present, so screen readers announce what is put in it. */}
      <span className="status-notice" role="status" data-testid="status-notice">
        {notice?.text}
      </span>
      {sync?.warnings.map((warning) => (
        <span key={warning} className="status-warning" role="alert">
          {warning}
        </span>
      ))}
      {sync?.accounts.map((account) => (
        <span key={account.accountId} className={`status-account status-${account.state}`} title={account.lastError ?? account.baseUrl}>
          <strong>{account.demo ? 'Demo workspace' : account.accountId}</strong> {STATE_WORDS[account.state]}
          {account.lastSuccessAt && <span className="muted"> · synced {formatAge(Date.parse(account.lastSuccessAt), now)}</span>}
          {account.lastError && account.state !== 'idle' && <span className="status-error"> · {account.lastError}</span>}
          {account.quarantined > 0 && <span className="status-error"> · {account.quarantined} records quarantined</span>}
        </span>
      ))}
      {sync && sync.accounts.length === 0 && <span className="muted">No accounts configured.</span>}
    </footer>
  );
}
