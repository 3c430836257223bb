import { fieldName } from '../../../shared/validation/describe-zod-error.ts';

/** Replaces every `"env:NAME"` string in a parsed JSON value by that environment variable; names what is missing. */
export function resolveEnvReferences(value: unknown, env: NodeJS.ProcessEnv, path: (string | number)[] = []): unknown {
  if (typeof value === 'string') {
    if (!value.startsWith('env:')) return value;
    const name = value.slice(4);
    const resolved = env[name];
    if (resolved === undefined || resolved === '') {
      throw new ConfigError(`${fieldName(path) || '(root)'}: environment variable ${name} is not set`);
    }
    return resolved;
  }
  if (Array.isArray(value)) return value.map((item, index) => resolveEnvReferences(item, env, [...path, index]));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, resolveEnvReferences(item, env, [...path, key])]),
    );
  }
  return value;
}

/** A configuration problem the user must fix; its message is one line naming the file and the field. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
