import { z } from 'zod';
import { AccountConfig } from '../../../shared/settings/account-config.ts';
import type { AccountDraft } from '../../../shared/settings/account-draft.ts';
import type { AccountsListing, AccountSummary, ConnectionTestResult, SecretSummary } from '../../../shared/settings/account-summary.ts';
import { describeZodError } from '../../../shared/validation/describe-zod-error.ts';
import { seedOf, type StoredZendeskTokens, type ZendeskTokenVault } from '../auth/zendesk-token-vault.ts';
import type { WorkspaceAccounts } from '../workspace.ts';
import { ENV_PREFIX, type SecretField, secretFieldsOf, secretLabelOf, secretOf, SESSION_ONLY, withSecrets } from './account-secrets.ts';
import { AccountsError, type AccountsSource } from './accounts-source.ts';
import { CONNECTION_TEST_TIMEOUT_MS, testAccountConnection } from './connection-test.ts';
import type { SecretVault } from './secret-vault.ts';
import { ZendeskSignIns } from './zendesk-sign-ins.ts';

export interface AccountsOptions {
  source: AccountsSource;
  vault: SecretVault;
  /** Applies a change to the running core (the worker's sync); resolves once it has. */
  onChanged(change: WorkspaceAccounts): Promise<void>;
  /** Zendesk's browser sign-in; by default the host cannot open the browser and the window does. */
  signIns?: ZendeskSignIns;
  env?: NodeJS.ProcessEnv;
  testTimeoutMs?: number;
}

type Resolved = { value: string } | { problem: string };
/** A secret as the form sent it: typed (or `env:NAME`), from a finished sign-in, or left out to keep the stored one. */
type SecretFor = (field: SecretField, typed: string | undefined, kept: string | null) => Promise<string>;

const StoredAccounts = z.array(AccountConfig);

/**
 * The accounts screen's side of the host: lists, adds, edits and removes accounts in the host's settings, keeps
 * their secrets through the host's vault (or in memory for the session), tests a draft's connection, and hands
 * the core the accounts that can sync. Electron-free: the shell and the browser host differ only in their vault,
 * settings backend and how the browser opens for a Zendesk sign-in. Secrets leave here only for the core worker
 * and the helpdesk they belong to; the window sees how each is kept, never its value.
 */
export class Accounts {
  readonly #options: AccountsOptions;
  readonly #env: NodeJS.ProcessEnv;
  readonly signIns: ZendeskSignIns;
  /** Secrets typed this session that are not stored: `id \0 field` -> secret. */
  readonly #session = new Map<string, string>();
  /** Ciphertexts that failed to decrypt this session (`id \0 field`). */
  readonly #unreadable = new Set<string>();
  /** Zendesk pairs rotated this session, as the core worker's vault reads them back. */
  readonly #rotated = new Map<string, StoredZendeskTokens>();
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: AccountsOptions) {
    this.#options = options;
    this.#env = options.env ?? process.env;
    this.signIns = options.signIns ?? new ZendeskSignIns({ openBrowser: null });
  }

  async list(): Promise<AccountsListing> {
    return {
      accounts: this.#stored().map((account) => this.#summaryOf(account)),
      secretStorage: await this.#options.vault.storage(),
      readOnly: this.#options.source.readOnly,
    };
  }

  add(draft: AccountDraft, storeAnyway: boolean): Promise<AccountSummary> {
    return this.#mutate(async () => {
      this.#refuseDuplicate(draft.id);
      const { account, session } = await this.#storedFrom(draft, null, storeAnyway);
      this.#refuseDuplicate(draft.id);
      this.#write((accounts) => [...accounts, account], session);
      this.#signInUsed(draft);
      await this.#apply([]);
      return this.#summaryOf(account);
    });
  }

  edit(draft: AccountDraft, storeAnyway: boolean): Promise<AccountSummary> {
    return this.#mutate(async () => {
      const previous = this.#find(draft.id);
      if (!previous) throw new AccountsError(`There is no account named "${draft.id}" (it may have been removed).`);
      const { account, session } = await this.#storedFrom(draft, previous, storeAnyway);
      this.#write((accounts) => accounts.map((item) => (item.id === account.id ? account : item)), session);
      this.#signInUsed(draft);
      if (!sameSignIn(previous.auth, account.auth) || !sameHelpdesk(previous, account)) this.#rotated.delete(account.id);
      // Another helpdesk behind the same name: what was synced from the old one must not mix with the new.
      await this.#apply(sameHelpdesk(previous, account) ? [] : [account.id]);
      return this.#summaryOf(account);
    });
  }

  remove(id: string): Promise<{ removed: string }> {
    return this.#mutate(async () => {
      if (!this.#find(id)) throw new AccountsError(`There is no account named "${id}" (it may have been removed already).`);
      this.#write((accounts) => accounts.filter((account) => account.id !== id), new Map());
      for (const key of [...this.#session.keys(), ...this.#unreadable]) {
        if (key.startsWith(`${id}\u0000`)) {
          this.#session.delete(key);
          this.#unreadable.delete(key);
        }
      }
      this.#rotated.delete(id);
      await this.#apply([id]);
      return { removed: id };
    });
  }

  /** Proves a draft's credentials with the real connector; secrets left out are the stored account's, if it is the same helpdesk. */
  async testConnection(draft: AccountDraft): Promise<ConnectionTestResult> {
    const previous = this.#find(draft.id);
    let missing: { field: SecretField; message: string } | null = null;
    let composed: unknown;
    try {
      composed = await this.#compose(draft, previous, async (field, typed, kept) => {
        const resolved = typed !== undefined ? this.#resolveTyped(typed) : kept !== null ? await this.#resolve(draft.id, previous!.auth, field, kept) : null;
        if (resolved !== null && 'value' in resolved) return resolved.value;
        missing ??= { field, message: resolved?.problem ?? `enter the ${secretLabelOf(authOf(draft), field)}` };
        return 'missing';
      });
    } catch (error) {
      if (!(error instanceof AccountsError)) throw error;
      return { ok: false, problem: 'credentials', field: 'auth.signInId', message: error.message };
    }
    const unset = missing as { field: SecretField; message: string } | null;
    if (unset !== null) return { ok: false, problem: 'credentials', field: `auth.${unset.field}`, message: `${capitalized(unset.message)}.` };
    const account = AccountConfig.safeParse(composed);
    if (!account.success) {
      return { ok: false, problem: 'other', field: account.error.issues[0]?.path.join('.') ?? null, message: describeZodError(account.error) };
    }
    return testAccountConnection(account.data, this.#options.testTimeoutMs ?? CONNECTION_TEST_TIMEOUT_MS);
  }

  /**
   * The accounts that can sync now with their secrets resolved, and why the others cannot. Ciphertext the vault
   * would now seal with a newer key is sealed again.
   */
  async usable(): Promise<Omit<WorkspaceAccounts, 'forget'>> {
    const accounts: AccountConfig[] = [];
    const warnings: string[] = [];
    for (const account of this.#stored()) {
      let problem: string | null = null;
      const resolved = await withSecrets(account, async (field, stored) => {
        const secret = await this.#resolve(account.id, account.auth, field, stored);
        if ('value' in secret) return secret.value;
        problem ??= `Account "${account.id}": ${secret.problem}; it does not sync until then.`;
        return stored;
      });
      if (problem === null) accounts.push(resolved);
      else warnings.push(problem);
    }
    return { accounts, warnings };
  }

  /**
   * The core worker's vault for Zendesk's rotated pairs: a new pair replaces the account's stored one, sealed as the
   * old one was, in one settings write (Zendesk has revoked the old pair by then). Not queued behind the screen's
   * changes: a change may be waiting for a sync that is waiting for this.
   */
  readonly rotatedTokens: ZendeskTokenVault = {
    read: (accountId) => Promise.resolve(this.#rotated.get(accountId) ?? null),
    write: async (accountId, rotated) => {
      const account = this.#find(accountId);
      // A pair from a sign-in the account no longer holds (signed in again, removed) is a stopping sync's: not kept.
      if (account?.auth.type !== 'oauth' || !(await this.#descendsFrom(account, rotated.seed))) return;
      this.#rotated.set(accountId, rotated);
      const session = new Map<string, string>();
      const sealed = await withSecrets(account, async (field, stored) => {
        const secret = field === 'accessToken' ? rotated.tokens.accessToken : rotated.tokens.refreshToken;
        // A pair configured as env:NAME cannot be written back: the rotated one lives in memory until the host stops.
        if (stored.startsWith(ENV_PREFIX)) return stored;
        const resealed = await this.#options.vault.seal(secret, { storeAnyway: this.#options.vault.sealedKind(stored) === 'weakly_encrypted' });
        if (resealed !== null) return resealed;
        session.set(sessionKey(accountId, field), secret);
        return SESSION_ONLY;
      });
      this.#write((accounts) => accounts.map((item) => (item.id === accountId && sameSignIn(item.auth, account.auth) ? sealed : item)), session);
    },
  };

  #mutate<T>(change: () => Promise<T>): Promise<T> {
    const readOnly = this.#options.source.readOnly;
    if (readOnly !== null) return Promise.reject(new AccountsError(readOnly));
    // One change at a time, so each sees what the one before did.
    const run = this.#queue.then(change, change);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #apply(forget: string[]): Promise<void> {
    await this.#options.onChanged({ ...(await this.usable()), forget });
  }

  #stored(): AccountConfig[] {
    const parsed = StoredAccounts.safeParse(this.#options.source.read());
    if (!parsed.success) throw new AccountsError(`The accounts in the settings cannot be read: ${describeZodError(parsed.error)}`);
    return parsed.data;
  }

  #find(id: string): AccountConfig | null {
    return this.#stored().find((account) => account.id === id) ?? null;
  }

  #refuseDuplicate(id: string): void {
    if (this.#find(id)) throw new AccountsError(`There is already an account named "${id}": choose another name.`);
  }

  /**
   * Reads and writes the accounts in one synchronous step, so a rotated Zendesk pair written while a change was
   * sealing its secrets is never overwritten by the list that change read before.
   */
  #write(change: (accounts: AccountConfig[]) => AccountConfig[], session: Map<string, string>): void {
    this.#options.source.write(change(this.#stored()));
    for (const [key, secret] of session) this.#session.set(key, secret);
  }

  #signInUsed(draft: AccountDraft): void {
    if (draft.auth.type === 'oauth' && draft.auth.signInId !== undefined) this.signIns.forget(draft.auth.signInId);
  }

  /** Whether the rotation chain started from this account's stored pair (or a pair rotated from it this session). */
  async #descendsFrom(account: AccountConfig, seed: string): Promise<boolean> {
    if (account.auth.type !== 'oauth') return false;
    const refresh = await this.#resolve(account.id, account.auth, 'refreshToken', account.auth.refreshToken);
    return 'value' in refresh && (seedOf(refresh.value) === seed || this.#rotated.get(account.id)?.seed === seed);
  }

  /** The draft as stored: typed secrets sealed (or kept for the session), left-out ones as they were stored. */
  async #storedFrom(draft: AccountDraft, previous: AccountConfig | null, storeAnyway: boolean): Promise<{ account: AccountConfig; session: Map<string, string> }> {
    const session = new Map<string, string>();
    const composed = await this.#compose(draft, previous, async (field, typed, kept) => {
      if (typed === undefined) {
        if (kept === null) {
          throw new AccountsError(`Enter the ${secretLabelOf(authOf(draft), field)}${previous ? ' again: the helpdesk or its sign-in changed' : ''}.`);
        }
        return kept;
      }
      this.#unreadable.delete(sessionKey(draft.id, field));
      if (typed.startsWith(ENV_PREFIX)) return typed;
      const sealed = await this.#options.vault.seal(typed, { storeAnyway });
      if (sealed !== null) return sealed;
      session.set(sessionKey(draft.id, field), typed);
      return SESSION_ONLY;
    });
    const account = AccountConfig.safeParse(composed);
    if (!account.success) throw new AccountsError(describeZodError(account.error));
    return { account: account.data, session };
  }

  /**
   * The account a draft describes, each secret from `secretFor(field, typed, kept)`: `typed` is what the form sent
   * (or the tokens of its finished Zendesk sign-in), `kept` the stored form the draft may keep: only for the same
   * helpdesk, sign-in type and identity, so a stored secret never goes to an address the window made up.
   */
  async #compose(draft: AccountDraft, previous: AccountConfig | null, secretFor: SecretFor): Promise<unknown> {
    const auth = authOf(draft);
    const typed: Partial<Record<SecretField, string>> = { ...(draft.auth as Partial<Record<SecretField, string>>) };
    if (draft.auth.type === 'oauth' && draft.auth.signInId !== undefined) {
      const tokens = this.signIns.tokensFor(draft.auth.signInId, draft.baseUrl, draft.auth.clientId);
      typed.accessToken = tokens.accessToken;
      typed.refreshToken = tokens.refreshToken;
    }
    const mayKeep = previous !== null && sameHelpdesk(previous, draft) && sameSignIn(previous.auth, auth);
    const filled: Record<string, unknown> = { ...auth };
    for (const field of secretFieldsOf(auth)) {
      filled[field] = await secretFor(field, typed[field], mayKeep ? secretOf(previous.auth, field) : null);
    }
    return { ...draft, auth: filled };
  }

  #resolveTyped(typed: string): Resolved {
    if (!typed.startsWith(ENV_PREFIX)) return { value: typed };
    const name = typed.slice(ENV_PREFIX.length);
    const value = this.#env[name];
    return value ? { value } : { problem: `environment variable ${name} is not set where the host runs` };
  }

  async #resolve(id: string, auth: AccountConfig['auth'], field: SecretField, stored: string): Promise<Resolved> {
    const label = `its ${secretLabelOf(auth, field)}`;
    if (stored.startsWith(ENV_PREFIX)) {
      const resolved = this.#resolveTyped(stored);
      return 'value' in resolved ? resolved : { problem: `${label} reads ${resolved.problem}` };
    }
    if (stored === SESSION_ONLY) {
      const secret = this.#session.get(sessionKey(id, field));
      return secret !== undefined ? { value: secret } : { problem: `${label} was kept for the last session only: enter it again in Accounts` };
    }
    if (this.#options.vault.sealedKind(stored) === null) return { value: stored };
    try {
      const opened = await this.#options.vault.open(stored);
      this.#unreadable.delete(sessionKey(id, field));
      if (opened.reseal) await this.#reseal(id, field, stored, opened.secret);
      return { value: opened.secret };
    } catch {
      this.#unreadable.add(sessionKey(id, field));
      return { problem: `${label} can no longer be decrypted (was the system keychain reset?): enter it again in Accounts` };
    }
  }

  /** The vault rotated its key: store the secret under the new one, as strongly as before. */
  async #reseal(id: string, field: SecretField, stored: string, secret: string): Promise<void> {
    const sealed = await this.#options.vault.seal(secret, { storeAnyway: this.#options.vault.sealedKind(stored) === 'weakly_encrypted' });
    if (sealed === null || this.#options.source.readOnly !== null) return;
    const account = this.#find(id);
    if (!account) return;
    const updated = await withSecrets(account, async (name, current) => (name === field && current === stored ? sealed : current));
    this.#write((accounts) => accounts.map((item) => (item.id === id && JSON.stringify(item) === JSON.stringify(account) ? updated : item)), new Map());
  }

  #summaryOf(account: AccountConfig): AccountSummary {
    const auth = account.auth;
    const secrets: SecretSummary[] = secretFieldsOf(auth).map((field) => ({
      field,
      label: secretLabelOf(auth, field),
      ...this.#stateOf(account.id, field, secretOf(auth, field)),
    }));
    return {
      id: account.id,
      type: account.type,
      baseUrl: account.baseUrl,
      planField: account.type === 'zendesk' ? account.planField : null,
      auth:
        auth.type === 'apiToken'
          ? { type: 'apiToken', email: auth.email }
          : auth.type === 'oauth' || auth.type === 'clientCredentials'
            ? { type: auth.type, clientId: auth.clientId }
            : { type: 'bearer' },
      secrets,
    };
  }

  #stateOf(id: string, field: SecretField, stored: string): Pick<SecretSummary, 'state' | 'envName'> {
    if (stored.startsWith(ENV_PREFIX)) {
      const name = stored.slice(ENV_PREFIX.length);
      return { state: this.#env[name] ? 'environment' : 'environment_missing', envName: name };
    }
    if (stored === SESSION_ONLY) return { state: this.#session.has(sessionKey(id, field)) ? 'session' : 'needs_entry', envName: null };
    const sealed = this.#options.vault.sealedKind(stored);
    if (sealed === null) return { state: 'plain_text', envName: null };
    return { state: this.#unreadable.has(sessionKey(id, field)) ? 'unreadable' : sealed, envName: null };
  }
}

/** The draft's auth without what only the form carries (the sign-in id); its secret fields are filled in after. */
function authOf(draft: AccountDraft): AccountConfig['auth'] {
  return (draft.auth.type === 'oauth' ? { type: 'oauth', clientId: draft.auth.clientId } : draft.auth) as AccountConfig['auth'];
}

/** The same helpdesk: type, origin and path of the base URL. */
function sameHelpdesk(a: Pick<AccountConfig, 'type' | 'baseUrl'>, b: Pick<AccountConfig, 'type' | 'baseUrl'>): boolean {
  const [left, right] = [new URL(a.baseUrl), new URL(b.baseUrl)];
  return a.type === b.type && left.origin === right.origin && left.pathname.replace(/\/+$/, '') === right.pathname.replace(/\/+$/, '');
}

/** The same sign-in: its type, and the OAuth client or app the secret belongs to. */
function sameSignIn(a: AccountConfig['auth'], b: AccountConfig['auth']): boolean {
  if (a.type !== b.type) return false;
  if ((a.type === 'oauth' && b.type === 'oauth') || (a.type === 'clientCredentials' && b.type === 'clientCredentials')) return a.clientId === b.clientId;
  return true;
}

function sessionKey(id: string, field: SecretField): string {
  return `${id}\u0000${field}`;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
