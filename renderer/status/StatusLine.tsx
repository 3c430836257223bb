import type { AccountSyncStatus } from '../../shared/domain/sync-status.ts';
import { openOldestRefused } from '../keyboard/triage-actions.ts';
import { useCountdownClock } from '../queue/countdown-clock.ts';
import { formatAge } from '../queue/format-age.ts';
import { useNoticeStore } from '../stores/notice-store.ts';
import { useOverlayStore } from '../stores/overlay-store.ts';
import { useQueueStore } from '../stores/queue-store.ts';
import { formatWait } from './format-wait.ts';

/** An account's sync state in words (the status line, the accounts screen). */
export const SYNC_STATE_WORDS: Record<AccountSyncStatus['state'], string> = {
  starting: 'starting',
  syncing: 'syncing…',
  idle: 'up to date',
  auth_failed: 'sign-in refused',
  unreachable: 'unreachable',
  error: 'sync error',
};

/**
 * One entry per account: what it is, whether it is current (when it last synced, when it polls next), what went
 * wrong if it did, and its quarantined records (a button to the panel); and the app's notices.
 */
export function StatusLine() {
  const sync = useQueueStore((state) => state.sync);
  const notice = useNoticeStore((state) => state.notice);
  // The shared 1 Hz tick, so the next poll counts down without a timer of its own.
  const now = useCountdownClock((clock) => clock.nowSeconds) * 1000;
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
      {sync?.accounts.map((account) => <AccountStatus key={account.accountId} account={account} now={now} />)}
      {sync && sync.accounts.length === 0 && <span className="muted">No accounts configured.</span>}
      <button type="button" className="status-accounts" onClick={() => useOverlayStore.getState().open('accounts')} title="Accounts (G then S)">
        Accounts
      </button>
    </footer>
  );
}

function AccountStatus({ account, now }: { account: AccountSyncStatus; now: number }) {
  const openOverlay = useOverlayStore((state) => state.open);
  const failed = account.lastError !== null && account.state !== 'idle' && account.state !== 'syncing';
  return (
    <span className={`status-account status-${account.state}`} data-account={account.accountId} title={account.baseUrl}>
      <strong>{account.demo ? 'Demo workspace' : account.accountId}</strong>{' '}
      <span className={failed ? 'status-error' : undefined}>{SYNC_STATE_WORDS[account.state]}</span>
      <span className="muted">
        {' · '}
        {account.lastSuccessAt ? `synced ${formatAge(Date.parse(account.lastSuccessAt), now)}` : 'not synced yet'}
        {account.nextPollAt && ` · next poll ${formatWait(Date.parse(account.nextPollAt), now)}`}
      </span>
      {failed && (
        <>
          {' · '}
          <span className="status-error status-detail" title={account.lastError!}>
            {account.lastError}
          </span>
        </>
      )}
      {account.quarantined > 0 && (
        <>
          {' · '}
          <button type="button" className="status-quarantine" onClick={() => openOverlay('quarantine')} title="Show the records a sync could not read">
            {account.quarantined} {account.quarantined === 1 ? 'record' : 'records'} quarantined
          </button>
        </>
      )}
      {account.refusedWrites > 0 && (
        <>
          {' · '}
          <button type="button" className="status-refused" onClick={openOldestRefused} title="Open the ticket of the oldest refused write (G then R)">
            {account.refusedWrites} {account.refusedWrites === 1 ? 'write' : 'writes'} refused
          </button>
        </>
      )}
    </span>
  );
}
