import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readConfigFile } from '../../main/core/config/accounts-config-file.ts';
import { TriageCore } from '../../main/core/triage-core.ts';
import { LocalMacros } from '../../shared/macros/macro.ts';
import { STARTER_MACROS } from '../../shared/macros/starter-macros.ts';
import { DEFAULT_SETTINGS, Settings } from '../../shared/settings/settings.ts';
import { useTempDirs } from '../support/temp-dir.ts';
import { writeConfigFile } from '../support/config-file.ts';

// listMacros: the local macros the host hands the core (the settings' or the config file's), the starter set by default.
describe('local macros', () => {
  const tempDir = useTempDirs();

  it('answers the starter set when the host gives none, and the given ones otherwise', async () => {
    let core = new TriageCore({ dataDir: tempDir(), accounts: [] });
    expect(core.handle('listMacros', {}).macros.map((macro) => macro.id)).toEqual(STARTER_MACROS.map((macro) => macro.id));
    await core.close();
    const mine = LocalMacros.parse([{ id: 'sunset-v1', title: 'v1 sunset', body: 'Hi {{requester.first_name}}, v1 ends in June.' }]);
    core = new TriageCore({ dataDir: tempDir(), accounts: [], macros: mine });
    expect(core.handle('listMacros', {})).toEqual({ macros: [{ ...mine[0], actions: [], after: 'stay', source: 'local' }] });
    expect(() => core.handle('listMacros', { all: true })).toThrow('listMacros: all: unknown field');
    await core.close();
  });

  it('keeps the starter set in new settings and checks edited ones', () => {
    expect(DEFAULT_SETTINGS.macros.map((macro) => macro.shortcut)).toEqual(['1', '2', '3', '4']);
    const twice = Settings.safeParse({ macros: [{ id: 'a', title: 'A', shortcut: '1' }, { id: 'b', title: 'B', shortcut: '1' }] });
    expect(twice.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)).toEqual(['macros.1.shortcut: slot 1 is already "a"\'s']);
  });

  it('reads "macros" from the command line config file, naming a bad field', () => {
    const dir = tempDir();
    const file = writeConfigFile(dir, { accounts: [], macros: [{ id: 'thanks', title: 'Thanks', body: 'Thanks!', after: 'next' }] });
    expect(readConfigFile(file).macros).toEqual([{ id: 'thanks', title: 'Thanks', body: 'Thanks!', actions: [], after: 'next', source: 'local' }]);
    writeFileSync(file, JSON.stringify({ accounts: [], macros: [{ id: 'thanks', title: 'Thanks', after: 'later' }] }));
    expect(() => readConfigFile(file)).toThrow(`${file}: macros[0].after: Invalid option: expected one of "stay"|"next"|"close"`);
    writeFileSync(file, JSON.stringify({ accounts: [] }));
    expect(readConfigFile(file).macros).toBeUndefined();
  });
});
