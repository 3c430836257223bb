import { z } from 'zod';
import { AccountType } from '../domain/sync-status.ts';

/**
 * How each secret of an account is kept, as the accounts screen shows it. The window sees these states, never a
 * secret: encrypted with the system keychain, encrypted with Linux's weak basic_text key (the user accepted it),
 * held in memory for this session only, not entered yet this session, read from an environment variable (set or
 * missing), written in plain text in the settings file by hand, or ciphertext this machine can no longer decrypt.
 */
export const SECRET_STATES = ['encrypted', 'weakly_encrypted', 'session', 'needs_entry', 'environment', 'environment_missing', 'plain_text', 'unreadable'] as const;
export const SecretState = z.enum(SECRET_STATES);
export type SecretState = z.infer<typeof SecretState>;

export const SecretSummary = z.object({
  /** The auth field: token, accessToken, refreshToken or clientSecret. */
  field: z.string(),
  label: z.string(),
  state: SecretState,
  /** The variable an `env:NAME` secret reads. */
  envName: z.string().nullable(),
});
export type SecretSummary = z.infer<typeof SecretSummary>;

export const AccountAuthSummary = z.discriminatedUnion('type', [
  z.object({ type: z.literal('apiToken'), email: z.string() }),
  z.object({ type: z.literal('oauth'), clientId: z.string() }),
  z.object({ type: z.literal('bearer') }),
  z.object({ type: z.literal('clientCredentials'), clientId: z.string() }),
]);
export type AccountAuthSummary = z.infer<typeof AccountAuthSummary>;

/** An account without its secrets: what the accounts screen lists and edits. */
export const AccountSummary = z.object({
  id: z.string(),
  type: AccountType,
  baseUrl: z.string(),
  /** Zendesk's organization field holding the plan; null for the other helpdesks. */
  planField: z.string().nullable(),
  auth: AccountAuthSummary,
  secrets: z.array(SecretSummary),
});
export type AccountSummary = z.infer<typeof AccountSummary>;

/**
 * How this host keeps a secret typed in the accounts screen: encrypted by the system keychain; `weak` on Linux's
 * basic_text backend (for this session unless the user ticks "store it anyway"); `session` where there is no
 * keychain at all (the browser host), where `env:NAME` is the way to keep one.
 */
export const SecretStorage = z.object({
  kind: z.enum(['encrypted', 'weak', 'session']),
  /** One sentence the screen shows as is. */
  message: z.string(),
});
export type SecretStorage = z.infer<typeof SecretStorage>;

export const AccountsListing = z.object({
  accounts: z.array(AccountSummary),
  secretStorage: SecretStorage,
  /** Set when the accounts cannot be changed from the app (they come from a --config file), saying why. */
  readOnly: z.string().nullable(),
});
export type AccountsListing = z.infer<typeof AccountsListing>;

/** What "Test connection" found, with the form field to look at when it failed. */
export const CONNECTION_PROBLEMS = ['credentials', 'permission', 'not_found', 'dns', 'refused', 'tls', 'timeout', 'server', 'not_helpdesk', 'other'] as const;
export const ConnectionTestResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), message: z.string() }),
  z.object({
    ok: z.literal(false),
    problem: z.enum(CONNECTION_PROBLEMS),
    /** The form field to check (`baseUrl`, `auth.token`...), or null when nothing in the form is at fault. */
    field: z.string().nullable(),
    message: z.string(),
  }),
]);
export type ConnectionTestResult = z.infer<typeof ConnectionTestResult>;
