import type { SecretStorage } from '../../shared/settings/account-summary.ts';
import type { OpenedSecret, SecretVault } from '../core/accounts/secret-vault.ts';

/** The part of Electron's safeStorage the vault uses (injected, so tests run without Electron). */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }>;
  /** Linux only: which keyring backs the encryption ('basic_text' is a fixed key that protects nothing). */
  getSelectedStorageBackend(): string;
  /** Linux only: lets basic_text encrypt when no keyring exists (off by default). */
  setUsePlainTextEncryption(usePlainText: boolean): void;
}

/** Ciphertext from a real keychain, and from Linux's basic_text backend the user accepted; base64 after the prefix. */
const KEYCHAIN_PREFIX = 'safeStorage:';
const BASIC_TEXT_PREFIX = 'safeStorage-basic_text:';

/**
 * The shell's vault: Electron safeStorage (macOS Keychain, Windows DPAPI, the Linux secret service), only its
 * ciphertext written to electron-store. On Linux's basic_text backend the key is a constant, so a secret is kept
 * for the session unless the user ticked "store it anyway"; with no usable keychain at all, for the session.
 * Main thread only, after the app is ready.
 */
export class SafeStorageVault implements SecretVault {
  readonly #safeStorage: SafeStorageLike;
  readonly #platform: NodeJS.Platform;

  constructor(safeStorage: SafeStorageLike, platform: NodeJS.Platform = process.platform) {
    this.#safeStorage = safeStorage;
    this.#platform = platform;
  }

  async storage(): Promise<SecretStorage> {
    if (this.#basicText()) {
      return {
        kind: 'weak',
        message:
          'This Linux session has no keyring (Electron would use its basic_text backend, a fixed key that protects nothing): ' +
          'secrets you type are kept until the app quits, unless you tick "Store it anyway". Or write env:NAME to read one from the environment.',
      };
    }
    if (await this.#safeStorage.isAsyncEncryptionAvailable()) {
      return { kind: 'encrypted', message: 'Secrets are encrypted with the system keychain; only the ciphertext is written to the settings file.' };
    }
    return {
      kind: 'session',
      message: 'The system keychain is not available: secrets you type are kept until the app quits. Or write env:NAME to read one from the environment.',
    };
  }

  async seal(secret: string, options: { storeAnyway: boolean }): Promise<string | null> {
    if (this.#basicText()) {
      if (!options.storeAnyway) return null;
      this.#safeStorage.setUsePlainTextEncryption(true);
      return BASIC_TEXT_PREFIX + (await this.#safeStorage.encryptStringAsync(secret)).toString('base64');
    }
    if (!(await this.#safeStorage.isAsyncEncryptionAvailable())) return null;
    return KEYCHAIN_PREFIX + (await this.#safeStorage.encryptStringAsync(secret)).toString('base64');
  }

  sealedKind(stored: string): 'encrypted' | 'weakly_encrypted' | null {
    if (stored.startsWith(KEYCHAIN_PREFIX)) return 'encrypted';
    if (stored.startsWith(BASIC_TEXT_PREFIX)) return 'weakly_encrypted';
    return null;
  }

  async open(stored: string): Promise<OpenedSecret> {
    const kind = this.sealedKind(stored);
    if (kind === null) throw new Error('not safeStorage ciphertext');
    if (kind === 'weakly_encrypted' && this.#basicText()) this.#safeStorage.setUsePlainTextEncryption(true);
    const prefix = kind === 'encrypted' ? KEYCHAIN_PREFIX : BASIC_TEXT_PREFIX;
    const { result, shouldReEncrypt } = await this.#safeStorage.decryptStringAsync(Buffer.from(stored.slice(prefix.length), 'base64'));
    return { secret: result, reseal: shouldReEncrypt };
  }

  #basicText(): boolean {
    return this.#platform === 'linux' && this.#safeStorage.getSelectedStorageBackend() === 'basic_text';
  }
}
