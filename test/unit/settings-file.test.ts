import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/settings/settings.ts';
import { openNodeSettings } from '../../main/core/settings/node-settings.ts';
import { useTempDirs } from '../support/temp-dir.ts';

// Settings through conf with the shared schema, on real files.
describe('the settings file', () => {
  const tempDir = useTempDirs();

  it('starts on defaults and keeps what is written', () => {
    const dir = tempDir();
    const opened = openNodeSettings(dir);
    expect(opened.warning).toBeNull();
    expect(opened.settings).toEqual(DEFAULT_SETTINGS);
    opened.backend.set('pollIntervalSeconds', 120);
    expect(openNodeSettings(dir).settings.pollIntervalSeconds).toBe(120);
  });

  it('refuses to write a value the schema forbids', () => {
    const { backend } = openNodeSettings(tempDir());
    expect(() => backend.set('pollIntervalSeconds', 1)).toThrow(/pollIntervalSeconds/);
  });

  it.each([
    ['not JSON', '{"pollIntervalSeconds": 90,', /not valid JSON/],
    ['against the schema', JSON.stringify({ pollIntervalSeconds: 'soon' }), /pollIntervalSeconds/],
  ])('keeps a file that is %s as a backup, says so in one line, and starts on defaults', (_label, text, reason) => {
    const dir = tempDir();
    const file = join(dir, 'settings.json');
    writeFileSync(file, text);
    const opened = openNodeSettings(dir);
    expect(opened.settings).toEqual(DEFAULT_SETTINGS);
    const backups = readdirSync(dir).filter((name) => name.startsWith('settings.json.corrupt-'));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(dir, backups[0]!), 'utf8')).toBe(text);
    expect(opened.warning).toMatch(reason);
    expect(opened.warning).toContain(file);
    expect(opened.warning).toContain(backups[0]);
    expect(opened.warning!.split('\n')).toHaveLength(1);
    // The next write goes to a fresh file; the user's original stays untouched in the backup.
    opened.backend.set('pollIntervalSeconds', 300);
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(join(dir, backups[0]!), 'utf8')).toBe(text);
  });
});
