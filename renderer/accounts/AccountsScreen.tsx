import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import type { AccountSyncStatus } from '../../shared/domain/sync-status.ts';
import type { AccountSummary, SecretSummary } from '../../shared/settings/account-summary.ts';
import { hostErrorMessage } from '../host/host-error.ts';
import { triageHost } from '../host/triage-host.ts';
import { ModalDialog, ModalHeader } from '../keyboard/ModalDialog.tsx';
import { SYNC_STATE_WORDS } from '../status/StatusLine.tsx';
import { useAccountsStore } from '../stores/accounts-store.ts';
import { useNoticeStore } from '../stores/notice-store.ts';
import { useOverlayStore } from '../stores/overlay-store.ts';
import { useQueueStore } from '../stores/queue-store.ts';
import { AccountEditor } from './AccountEditor.tsx';
import { ADD_ACCOUNT_ID, useFocusOnMount } from './use-focus-on-mount.ts';

export const HELPDESK_NAMES: Record<AccountSummary['type'], string> = { zendesk: 'Zendesk', intercom: 'Intercom', helpscout: 'Help Scout' };

/** How a secret is kept, in a few words beside its name. */
export function secretWords(secret: SecretSummary): string {
  switch (secret.state) {
    case 'encrypted':
      return 'encrypted by the system keychain';
    case 'weakly_encrypted':
      return 'stored with basic_text (weak)';
    case 'session':
      return 'kept until the host stops';
    case 'needs_entry':
      return 'enter it again';
    case 'environment':
      return `from $${secret.envName}`;
    case 'environment_missing':
      return `$${secret.envName} is not set`;
    case 'plain_text':
      return 'plain text in the settings file: type it again to protect it';
    case 'unreadable':
      return 'cannot be decrypted: enter it again';
  }
}

const SECRET_PROBLEMS = new Set<SecretSummary['state']>(['needs_entry', 'environment_missing', 'plain_text', 'unreadable']);

type View = { kind: 'list' } | { kind: 'add' } | { kind: 'edit'; account: AccountSummary };

/** `g s` or the status line: the helpdesk accounts, their sync and secrets; add, edit, test and remove them. */
export function AccountsScreen() {
  const open = useOverlayStore((state) => state.overlay === 'accounts');
  return open ? <AccountsDialog /> : null;
}

function AccountsDialog() {
  const { listing, loadError, load } = useAccountsStore();
  const [view, setView] = useState<View>({ kind: 'list' });
  useEffect(() => void load(), [load]);
  const back = (): void => {
    setView({ kind: 'list' });
    void load();
  };
  return (
    <ModalDialog label="Accounts" className="accounts-screen" closesOn={() => false}>
      <ModalHeader>{view.kind === 'list' ? 'Accounts' : view.kind === 'add' ? 'Add an account' : `Edit ${view.account.id}`}</ModalHeader>
      {loadError && (
        <p className="accounts-error" role="alert">
          {loadError}
        </p>
      )}
      {listing && view.kind === 'list' && <AccountList accounts={listing.accounts} readOnly={listing.readOnly} onAdd={() => setView({ kind: 'add' })} onEdit={(account) => setView({ kind: 'edit', account })} />}
      {listing && view.kind !== 'list' && (
        <AccountEditor key={view.kind === 'edit' ? view.account.id : 'new'} account={view.kind === 'edit' ? view.account : null} storage={listing.secretStorage} onDone={back} />
      )}
      {listing && view.kind === 'list' && <p className={`accounts-storage accounts-storage-${listing.secretStorage.kind}`}>{listing.secretStorage.message}</p>}
    </ModalDialog>
  );
}

interface AccountListProps {
  accounts: AccountSummary[];
  readOnly: string | null;
  onAdd(): void;
  onEdit(account: AccountSummary): void;
}

function AccountList({ accounts, readOnly, onAdd, onEdit }: AccountListProps) {
  const sync = useQueueStore((state) => state.sync);
  const [removing, setRemoving] = useState<string | null>(null);
  const view = useRef<HTMLDivElement>(null);
  useFocusOnMount(view);
  return (
    <div className="accounts-list-view" ref={view}>
      {readOnly && <p className="accounts-note">{readOnly}</p>}
      {accounts.length === 0 ? (
        <p className="accounts-empty muted">No account yet: the demo workspace is open. Add your helpdesk to sync its tickets.</p>
      ) : (
        <ul className="accounts-list" aria-label="Accounts">
          {accounts.map((account, index) => (
            <li key={account.id} className="account-row" data-account={account.id}>
              <AccountLine account={account} status={sync?.accounts.find((item) => item.accountId === account.id && !item.demo) ?? null} />
              {!readOnly &&
                (removing === account.id ? (
                  <RemoveConfirmation id={account.id} onCancel={() => setRemoving(null)} />
                ) : (
                  <span className="account-actions">
                    <button type="button" className="account-button" onClick={() => onEdit(account)} data-autofocus={index === 0 ? true : undefined}>
                      Edit
                    </button>
                    <button type="button" className="account-button" onClick={() => setRemoving(account.id)}>
                      Remove…
                    </button>
                  </span>
                ))}
            </li>
          ))}
        </ul>
      )}
      {!readOnly && (
        <button type="button" id={ADD_ACCOUNT_ID} className="account-button account-add" onClick={onAdd} data-autofocus={accounts.length === 0 ? true : undefined}>
          Add account
        </button>
      )}
    </div>
  );
}

function AccountLine({ account, status }: { account: AccountSummary; status: AccountSyncStatus | null }) {
  const who = account.auth.type === 'apiToken' ? account.auth.email : account.auth.type === 'bearer' ? 'access token' : `client ${account.auth.clientId}`;
  return (
    <span className="account-line">
      <strong className="account-name">{account.id}</strong>
      <span className="muted">
        {HELPDESK_NAMES[account.type]} · {hostOf(account.baseUrl)} · {who}
      </span>
      <span className={`account-sync status-${status?.state ?? 'none'}`} data-testid="account-sync">
        {status ? SYNC_STATE_WORDS[status.state] : 'not syncing'}
        {status?.lastError && status.state !== 'idle' && status.state !== 'syncing' ? `: ${status.lastError}` : ''}
      </span>
      <span className="account-secrets">
        {account.secrets.map((secret) => (
          <span key={secret.field} className={SECRET_PROBLEMS.has(secret.state) ? 'secret-problem' : 'muted'} data-secret={secret.field}>
            {secret.label}: {secretWords(secret)}
          </span>
        ))}
      </span>
    </span>
  );
}

function RemoveConfirmation({ id, onCancel }: { id: string; onCancel(): void }) {
  const load = useAccountsStore((state) => state.load);
  const post = useNoticeStore((state) => state.post);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const remove = async (): Promise<void> => {
    setBusy(true);
    try {
      await triageHost()!.removeAccount({ id });
      post(`Removed ${id} and its synced tickets.`);
      await load();
      document.getElementById(ADD_ACCOUNT_ID)?.focus();
    } catch (failure) {
      setError(hostErrorMessage(failure));
      setBusy(false);
    }
  };
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    // Esc backs out of the removal, not out of the screen.
    event.preventDefault();
    onCancel();
  };
  return (
    <span className="account-confirm" role="group" aria-label={`Remove ${id}`} onKeyDown={onKeyDown}>
      <span>Remove {id}? Its synced tickets leave this computer.</span>
      <button type="button" className="account-button danger" onClick={() => void (busy || remove())} aria-disabled={busy} autoFocus>
        Remove
      </button>
      <button type="button" className="account-button" onClick={onCancel}>
        Keep
      </button>
      {error && <span role="alert" className="secret-problem">{error}</span>}
    </span>
  );
}

export function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}
