import type { AccountConfig } from '../../../shared/settings/account-config.ts';

/** The auth fields that hold secrets; the others (email, client ids) are stored as typed. */
export type SecretField = 'token' | 'accessToken' | 'refreshToken' | 'clientSecret';

type Auth = AccountConfig['auth'];

export function secretFieldsOf(auth: Auth): SecretField[] {
  switch (auth.type) {
    case 'apiToken':
    case 'bearer':
      return ['token'];
    case 'oauth':
      return ['accessToken', 'refreshToken'];
    case 'clientCredentials':
      return ['clientSecret'];
  }
}

/** The field's name as the helpdesk's own settings pages call it. */
export function secretLabelOf(auth: Auth, field: SecretField): string {
  switch (field) {
    case 'token':
      return auth.type === 'apiToken' ? 'API token' : 'Access token';
    case 'accessToken':
      return 'OAuth access token';
    case 'refreshToken':
      return 'OAuth refresh token';
    case 'clientSecret':
      return 'App Secret';
  }
}

export function secretOf(auth: Auth, field: SecretField): string {
  const value = (auth as Partial<Record<SecretField, string>>)[field];
  if (value === undefined) throw new Error(`${auth.type} sign-in has no ${field}`);
  return value;
}

/** A copy of the account with each secret field replaced by `replace(field, current)`. */
export async function withSecrets<A extends AccountConfig>(account: A, replace: (field: SecretField, current: string) => Promise<string>): Promise<A> {
  const auth: Record<string, unknown> = { ...account.auth };
  for (const field of secretFieldsOf(account.auth)) auth[field] = await replace(field, secretOf(account.auth, field));
  return { ...account, auth } as A;
}

/**
 * How a secret is written in the settings file besides a vault's ciphertext: `env:NAME` reads the host's
 * environment; the session marker says it was typed and is held in memory until the host stops.
 */
export const ENV_PREFIX = 'env:';
export const SESSION_ONLY = 'session:';
