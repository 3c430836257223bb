import { useEffect, useState } from 'react';
import type { QuarantinedRecord } from '../../shared/domain/quarantined-record.ts';
import type { AccountSyncStatus } from '../../shared/domain/sync-status.ts';
import { triageHost } from '../host/triage-host.ts';
import { ModalDialog, ModalHeader } from '../keyboard/ModalDialog.tsx';
import { useOverlayStore } from '../stores/overlay-store.ts';
import { useQueueStore } from '../stores/queue-store.ts';
import { formatInstant } from '../ticket/format-instant.ts';

/** Records listed per account; the count says how many more there are. */
const RECORDS_SHOWN = 100;

const KIND_WORDS: Record<QuarantinedRecord['kind'], string> = {
  ticket: 'Ticket',
  person: 'Person',
  organization: 'Organization',
  event: 'History event',
};

type AccountRecords = { state: 'loading' } | { state: 'ready'; total: number; records: QuarantinedRecord[] } | { state: 'error'; message: string };

/**
 * The records a sync could not read, per account: what kind, its id at the helpdesk, why it was set aside, when a
 * sync last met it, and the start of its payload. The payload is the helpdesk's, untrusted: shown as text only.
 */
export function QuarantinePanel() {
  const open = useOverlayStore((state) => state.overlay === 'quarantine');
  return open ? <QuarantineDialog /> : null;
}

function QuarantineDialog() {
  // The accounts as they were when the panel opened: a sync status push does not reshuffle what is being read.
  const [accounts] = useState(() => (useQueueStore.getState().sync?.accounts ?? []).filter((account) => account.quarantined > 0));
  return (
    <ModalDialog label="Quarantined records" className="quarantine-panel" closesOn={() => false}>
      <ModalHeader focusClose>Quarantined records</ModalHeader>
      <p className="hint">
        Records a sync could not read are kept here with the reason instead of being dropped. They stay until the
        helpdesk sends a version that reads.
      </p>
      {accounts.length === 0 ? <p className="quarantine-none">No records are quarantined.</p> : accounts.map((account) => <AccountSection key={account.accountId} account={account} />)}
    </ModalDialog>
  );
}

function AccountSection({ account }: { account: AccountSyncStatus }) {
  const [records, setRecords] = useState<AccountRecords>({ state: 'loading' });
  useEffect(() => {
    let current = true;
    const host = triageHost();
    if (!host) return;
    host.listQuarantined({ accountId: account.accountId, limit: RECORDS_SHOWN }).then(
      ({ total, records }) => current && setRecords({ state: 'ready', total, records }),
      (error: unknown) => current && setRecords({ state: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
    };
  }, [account.accountId]);
  const name = account.demo ? 'Demo workspace' : account.accountId;
  return (
    <section className="quarantine-account" aria-label={`${name}: quarantined records`} data-account={account.accountId}>
      <h3>
        {name} <span className="muted">· {account.quarantined} {account.quarantined === 1 ? 'record' : 'records'}</span>
      </h3>
      {records.state === 'loading' && <p className="muted">Loading…</p>}
      {records.state === 'error' && <p className="status-error" role="alert">The records could not be read: {records.message}</p>}
      {records.state === 'ready' && (
        <>
          <ol className="quarantine-records">
            {records.records.map((record) => (
              <li key={`${record.kind}:${record.sourceId}`} className="quarantine-record" data-record={`${record.kind}:${record.sourceId}`}>
                <div className="quarantine-record-header">
                  <strong>
                    {KIND_WORDS[record.kind]} {record.sourceId}
                  </strong>
                  <span className="muted">last seen {formatInstant(Date.parse(record.lastSeenAt))}</span>
                </div>
                <p className="quarantine-reason">{record.reason}</p>
                <pre className="quarantine-raw" aria-label="Payload as received">
                  {record.rawExcerpt}
                  {record.rawLength > record.rawExcerpt.length && <span className="muted">{` … (${record.rawLength - record.rawExcerpt.length} more characters)`}</span>}
                </pre>
              </li>
            ))}
          </ol>
          {records.total > records.records.length && (
            <p className="hint">
              Showing the {records.records.length} seen most recently of {records.total}.
            </p>
          )}
        </>
      )}
    </section>
  );
}
