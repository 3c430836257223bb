import Conf from 'conf';
import { join } from 'node:path';
import { settingsJsonSchema } from '../../../shared/settings/settings.ts';
import { type OpenedSettings, openSettingsFile } from './settings-file.ts';

export const SETTINGS_FILE_NAME = 'settings.json';

/** Settings of the Node hosts (browser host, command line): conf with the shell's schema, in an explicit folder. */
export function openNodeSettings(folder: string): OpenedSettings {
  const path = join(folder, SETTINGS_FILE_NAME);
  return openSettingsFile(path, () => {
    const conf = new Conf<Record<string, unknown>>({
      cwd: folder,
      configName: 'settings',
      projectName: 'triage-desk',
      projectSuffix: '',
      schema: settingsJsonSchema(),
      clearInvalidConfig: false,
    });
    return { path: conf.path, get store() { return conf.store; }, set: (key, value) => conf.set(key, value) };
  });
}
