import { readFileSync } from 'node:fs';
import type { AccountConfig } from '../../../shared/settings/account-config.ts';
import type { SettingsBackend } from '../settings/settings-file.ts';

/** Where a host's accounts are kept, with their secrets in stored form (ciphertext, `env:NAME`, the session marker). */
export interface AccountsSource {
  /** Why the accounts cannot be changed from the app, or null when they can. */
  readonly readOnly: string | null;
  read(): unknown;
  write(accounts: AccountConfig[]): void;
}

/** The `accounts` key of the settings (electron-store in the shell, conf in the browser host). */
export function settingsAccountsSource(backend: SettingsBackend): AccountsSource {
  return {
    readOnly: null,
    read: () => backend.store.accounts ?? [],
    write: (accounts) => backend.set('accounts', accounts),
  };
}

/** Accounts given on the command line (`--config FILE`): listed as the file has them now, changed only by editing it. */
export function configFileAccountsSource(file: string): AccountsSource {
  const readOnly = `These accounts come from ${file} (--config): edit that file and restart the host to change them.`;
  return {
    readOnly,
    read: () => (JSON.parse(readFileSync(file, 'utf8')) as { accounts?: unknown }).accounts ?? [],
    write: () => {
      throw new AccountsError(readOnly);
    },
  };
}

/** A change to the accounts the user must correct; its message is one sentence for the accounts screen. */
export class AccountsError extends Error {
  override name = 'AccountsError';
}
