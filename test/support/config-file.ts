import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes `config` as `DIR/accounts.json`, the command line's `--config FILE` (and the browser host's), and returns its path. */
export function writeConfigFile(dir: string, config: object): string {
  const file = join(dir, 'accounts.json');
  writeFileSync(file, JSON.stringify(config));
  return file;
}
