import { describe, expect, it } from 'vitest';
import { SafeStorageVault } from '../../../main/electron/safe-storage-vault.ts';
import { fakeSafeStorage } from '../../support/fake-safe-storage.ts';

describe('the shell\'s safeStorage vault', () => {
  it('with a keychain, seals a secret as base64 ciphertext and opens it again', async () => {
    const safeStorage = fakeSafeStorage();
    const vault = new SafeStorageVault(safeStorage, 'linux');
    expect((await vault.storage()).kind).toBe('encrypted');
    const sealed = await vault.seal('zd-token-123', { storeAnyway: false });
    expect(sealed).toMatch(/^safeStorage:[A-Za-z0-9+/=]+$/);
    expect(sealed).not.toContain('zd-token-123');
    expect(vault.sealedKind(sealed!)).toBe('encrypted');
    expect(await vault.open(sealed!)).toEqual({ secret: 'zd-token-123', reseal: false });
  });

  it('on Linux basic_text, says so and keeps the secret for the session unless the user stores it anyway', async () => {
    const safeStorage = fakeSafeStorage({ backend: 'basic_text' });
    const vault = new SafeStorageVault(safeStorage, 'linux');
    const storage = await vault.storage();
    expect(storage.kind).toBe('weak');
    expect(storage.message).toMatch(/basic_text/);
    expect(storage.message).toMatch(/Store it anyway/);
    expect(await vault.seal('zd-token-123', { storeAnyway: false })).toBeNull();
    expect(safeStorage.state.encrypted).toEqual([]);

    const sealed = await vault.seal('zd-token-123', { storeAnyway: true });
    expect(sealed).toMatch(/^safeStorage-basic_text:/);
    expect(vault.sealedKind(sealed!)).toBe('weakly_encrypted');
    expect((await vault.open(sealed!)).secret).toBe('zd-token-123');
  });

  it('opens a weakly sealed secret in a later session (plain-text encryption switched on again first)', async () => {
    const sealed = await new SafeStorageVault(fakeSafeStorage({ backend: 'basic_text' }), 'linux').seal('s3cret', { storeAnyway: true });
    const nextRun = fakeSafeStorage({ backend: 'basic_text' });
    expect((await new SafeStorageVault(nextRun, 'linux').open(sealed!)).secret).toBe('s3cret');
    expect(nextRun.state.plainText).toBe(true);
  });

  it('with no usable keychain, keeps secrets for the session', async () => {
    const vault = new SafeStorageVault(fakeSafeStorage({ available: false }), 'darwin');
    expect((await vault.storage()).kind).toBe('session');
    expect(await vault.seal('s3cret', { storeAnyway: true })).toBeNull();
  });

  it('asks for the backend only on Linux (the call is Linux-only)', async () => {
    const safeStorage = fakeSafeStorage();
    safeStorage.getSelectedStorageBackend = () => {
      throw new Error('getSelectedStorageBackend is Linux-only');
    };
    const vault = new SafeStorageVault(safeStorage, 'win32');
    expect((await vault.storage()).kind).toBe('encrypted');
    expect(await vault.seal('s3cret', { storeAnyway: false })).toMatch(/^safeStorage:/);
  });

  it('rejects ciphertext a reset keychain cannot decrypt, and asks to reseal after a key rotation', async () => {
    const sealed = await new SafeStorageVault(fakeSafeStorage({ key: 'old' }), 'linux').seal('s3cret', { storeAnyway: false });
    await expect(new SafeStorageVault(fakeSafeStorage({ key: 'new' }), 'linux').open(sealed!)).rejects.toThrow(/decrypting/);
    expect(await new SafeStorageVault(fakeSafeStorage({ key: 'old', rotated: true }), 'linux').open(sealed!)).toEqual({ secret: 's3cret', reseal: true });
  });

  it('knows only its own ciphertext', () => {
    const vault = new SafeStorageVault(fakeSafeStorage(), 'linux');
    expect(vault.sealedKind('env:ZENDESK_TOKEN')).toBeNull();
    expect(vault.sealedKind('session:')).toBeNull();
    expect(vault.sealedKind('plain-token')).toBeNull();
  });
});
