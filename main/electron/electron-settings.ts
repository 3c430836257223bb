import Store from 'electron-store';
import { join } from 'node:path';
import { settingsJsonSchema } from '../../shared/settings/settings.ts';
import { type OpenedSettings, openSettingsFile } from '../core/settings/settings-file.ts';

/** The shell's settings: electron-store in the user data folder, with the schema the Node hosts use through conf. */
export function openElectronSettings(userDataDir: string): OpenedSettings {
  return openSettingsFile(join(userDataDir, 'settings.json'), () => {
    const store = new Store<Record<string, unknown>>({
      name: 'settings',
      cwd: userDataDir,
      schema: settingsJsonSchema(),
      clearInvalidConfig: false,
    });
    return { path: store.path, get store() { return store.store; }, set: (key, value) => store.set(key, value) };
  });
}
