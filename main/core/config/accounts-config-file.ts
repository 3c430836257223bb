import { readFileSync } from 'node:fs';
import { describeZodError } from '../../../shared/validation/describe-zod-error.ts';
import { type AccountConfig, AccountsConfigFile } from '../../../shared/settings/account-config.ts';
import { ConfigError, resolveEnvReferences } from './env-references.ts';

/** Reads the command line's `--config FILE` (`{"accounts": [...]}`), resolving `env:NAME` strings. */
export function readAccountsConfigFile(file: string, env: NodeJS.ProcessEnv = process.env): AccountConfig[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`${file}: cannot read the config file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  let resolved: unknown;
  try {
    resolved = resolveEnvReferences(json, env);
  } catch (error) {
    throw new ConfigError(`${file}: ${(error as Error).message}`);
  }
  const parsed = AccountsConfigFile.safeParse(resolved);
  if (!parsed.success) throw new ConfigError(`${file}: ${describeZodError(parsed.error)}`);
  return parsed.data.accounts;
}
