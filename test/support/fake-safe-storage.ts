import type { SafeStorageLike } from '../../main/electron/safe-storage-vault.ts';

/**
 * A stand-in for Electron's safeStorage with its Linux rules: a keyring encrypts with its key; basic_text refuses to
 * encrypt until setUsePlainTextEncryption(true), then uses a constant key; a reset keychain cannot decrypt.
 */
export function fakeSafeStorage(options: { backend?: string; available?: boolean; key?: string; rotated?: boolean } = {}) {
  const state = { key: options.key ?? 'keyring-key', plainText: false, encrypted: [] as string[] };
  const backend = options.backend ?? 'gnome_libsecret';
  const usable = (): boolean => (backend === 'basic_text' ? state.plainText : (options.available ?? true));
  const fake: SafeStorageLike & { state: typeof state } = {
    state,
    isAsyncEncryptionAvailable: () => Promise.resolve(usable()),
    encryptStringAsync: (plainText) => {
      if (!usable()) return Promise.reject(new Error('Encryption is not available.'));
      state.encrypted.push(plainText);
      const key = backend === 'basic_text' ? 'peanuts' : state.key;
      return Promise.resolve(Buffer.from(`${key}|${plainText}`, 'utf8'));
    },
    decryptStringAsync: (encrypted) => {
      const [key, ...rest] = encrypted.toString('utf8').split('|');
      const expected = backend === 'basic_text' ? 'peanuts' : state.key;
      if (key !== expected && !(key === 'peanuts' && state.plainText)) return Promise.reject(new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.'));
      return Promise.resolve({ result: rest.join('|'), shouldReEncrypt: options.rotated ?? false });
    },
    getSelectedStorageBackend: () => backend,
    setUsePlainTextEncryption: (use) => {
      state.plainText = use;
    },
  };
  return fake;
}
