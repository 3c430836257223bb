import { readFileSync } from 'node:fs';
import { describeZodError } from '../../../shared/validation/describe-zod-error.ts';
import type { Macro } from '../../../shared/macros/macro.ts';
import { type AccountConfig, AccountsConfigFile } from '../../../shared/settings/account-config.ts';
import type { SlaPolicy } from '../../../shared/sla/index.ts';
import { ConfigError, resolveEnvReferences } from './env-references.ts';

export interface ConfigFile {
  accounts: AccountConfig[];
  slaPolicy: SlaPolicy | undefined;
  rateLimitShare: number | undefined;
  macros: Macro[] | undefined;
}

/**
 * Reads the command line's `--config FILE` (`{"accounts": [...], "slaPolicy": {...}, "rateLimitShare": 0.2, "macros": [...]}`),
 * resolving `env:NAME` strings.
 */
export function readConfigFile(file: string, env: NodeJS.ProcessEnv = process.env): ConfigFile {
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
  return resolveConfig(json, file, env);
}

/** `value` with its `env:NAME` strings resolved, validated; an error is one line naming `source` and the field. */
function resolveConfig(value: unknown, source: string, env: NodeJS.ProcessEnv): ConfigFile {
  let resolved: unknown;
  try {
    resolved = resolveEnvReferences(value, env);
  } catch (error) {
    throw new ConfigError(`${source}: ${(error as Error).message}`);
  }
  const parsed = AccountsConfigFile.safeParse(resolved);
  if (!parsed.success) throw new ConfigError(`${source}: ${describeZodError(parsed.error)}`);
  return { accounts: parsed.data.accounts, slaPolicy: parsed.data.slaPolicy, rateLimitShare: parsed.data.rateLimitShare, macros: parsed.data.macros };
}
