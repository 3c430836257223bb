import type { SecretStorage } from '../../../shared/settings/account-summary.ts';

/** A secret read back from its stored form; `reseal` when the vault would now store it more safely (a rotated key). */
export interface OpenedSecret {
  secret: string;
  reseal: boolean;
}

/**
 * Where a host keeps the secrets typed in the accounts screen: the shell encrypts them with Electron's safeStorage,
 * the browser host has no keychain and keeps them for the session only. The accounts module owns the other stored
 * forms (`env:NAME`, the session marker); a vault knows only its own ciphertext.
 */
export interface SecretVault {
  /** How a typed secret is kept here, in a sentence the screen shows. */
  storage(): Promise<SecretStorage>;
  /**
   * The stored form of `secret` (ciphertext, with the vault's prefix), or null when it must stay in memory for this
   * session: no keychain, or a weak one the user did not accept (`storeAnyway`).
   */
  seal(secret: string, options: { storeAnyway: boolean }): Promise<string | null>;
  /** Whether `stored` is this vault's ciphertext, and how strong it is; null for anything else. */
  sealedKind(stored: string): 'encrypted' | 'weakly_encrypted' | null;
  /** The secret in `stored`; rejects when this machine can no longer decrypt it (a reset keychain). */
  open(stored: string): Promise<OpenedSecret>;
}

/** The browser host's vault: no keychain, so nothing is sealed; `env:NAME` is the way to keep a secret. */
export const SESSION_ONLY_VAULT: SecretVault = {
  storage: () =>
    Promise.resolve({
      kind: 'session',
      message:
        'The browser host has no system keychain: secrets you type are kept in memory until it stops. ' +
        'To keep one, write env:NAME and set that variable where the host runs (stored as written).',
    }),
  seal: () => Promise.resolve(null),
  sealedKind: () => null,
  open: () => Promise.reject(new Error('the browser host stores no encrypted secrets')),
};
