import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { parseArgs } from 'node:util';
import { DATABASE_FILE_NAME, openDatabase } from '../core/store/database.ts';
import { type CliIo, writeLine } from './cli-io.ts';
import { UsageError } from './usage.ts';

/**
 * Opens the store a `sync` wrote in `dataDir` for `work`, and closes it after. Without one, says so on stderr and
 * answers `missingExitCode` (default 1) without creating an empty store.
 */
export async function withStoredData(
  command: string,
  dataDir: string,
  io: CliIo,
  work: (db: DatabaseSync, file: string) => number | Promise<number>,
  { missingExitCode = 1 }: { missingExitCode?: number } = {},
): Promise<number> {
  const file = join(dataDir, DATABASE_FILE_NAME);
  if (!existsSync(file)) {
    writeLine(io.stderr, `triage-desk ${command}: no store in ${dataDir} (expected ${file}); run "triage-desk sync" first`);
    return missingExitCode;
  }
  const db = openDatabase(file);
  try {
    return await work(db, file);
  } finally {
    db.close();
  }
}

/** The options of the commands that only read a store: `--data-dir DIR` (required) and `--json`. */
export function readStoreOptions(command: string, args: string[]): { dataDir: string; json: boolean } {
  const { values } = parseArgs({
    args,
    options: { 'data-dir': { type: 'string' }, json: { type: 'boolean', default: false } },
    strict: true,
    allowPositionals: false,
  });
  if (!values['data-dir']) throw new UsageError(`${command}: --data-dir DIR is required`);
  return { dataDir: values['data-dir'], json: values.json };
}
