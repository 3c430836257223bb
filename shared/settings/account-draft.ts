import { z } from 'zod';
import { describeZodError } from '../validation/describe-zod-error.ts';
import { HelpdeskBaseUrl, INTERCOM_BASE_URLS, ZendeskAccount } from './account-config.ts';

/**
 * An account as the accounts screen sends it: the settings' AccountConfig without the secrets' stored form.
 * A secret left out keeps the one stored for the account (editing); typed, it is sealed by the host; `env:NAME`
 * is stored as is. Zendesk OAuth carries the id of a finished "Sign in with Zendesk" instead of tokens, so the
 * tokens never reach the window.
 */
const ENV_REFERENCE = /^env:[A-Za-z_][A-Za-z0-9_]*$/;

const required = (what: string) => z.string().trim().min(1, `enter ${what}`);
const secretInput = (what: string) =>
  required(what)
    .refine((value) => !value.startsWith('env:') || ENV_REFERENCE.test(value), 'env: must be followed by a variable name, like env:HELPDESK_TOKEN')
    .optional();

export const ZendeskDraft = z.object({
  id: ZendeskAccount.shape.id,
  type: z.literal('zendesk'),
  baseUrl: HelpdeskBaseUrl,
  planField: required('the organization field that holds the plan (usually plan)'),
  auth: z.discriminatedUnion('type', [
    z.object({ type: z.literal('apiToken'), email: z.email("enter the agent's email, like agent@acme.com"), token: secretInput('the API token') }),
    z.object({ type: z.literal('oauth'), clientId: required("the OAuth client's unique identifier"), signInId: z.string().min(1).optional() }),
  ]),
});

export const IntercomDraft = z.object({
  id: ZendeskAccount.shape.id,
  type: z.literal('intercom'),
  baseUrl: HelpdeskBaseUrl,
  auth: z.object({ type: z.literal('bearer'), token: secretInput('the access token') }),
});

export const HelpScoutDraft = z.object({
  id: ZendeskAccount.shape.id,
  type: z.literal('helpscout'),
  baseUrl: HelpdeskBaseUrl,
  auth: z.object({ type: z.literal('clientCredentials'), clientId: required('the App ID'), clientSecret: secretInput('the App Secret') }),
});

export const AccountDraft = z.discriminatedUnion('type', [ZendeskDraft, IntercomDraft, HelpScoutDraft], {
  error: 'type must be "zendesk", "intercom" or "helpscout"',
});
export type AccountDraft = z.infer<typeof AccountDraft>;

/** A new account brings every secret (or, for Zendesk OAuth, a finished sign-in). */
export const NewAccountDraft = AccountDraft.superRefine((draft, ctx) => {
  for (const [field, message] of missingSecrets(draft)) ctx.addIssue({ code: 'custom', path: ['auth', field], message });
});

function missingSecrets(draft: AccountDraft): [string, string][] {
  const auth = draft.auth;
  switch (auth.type) {
    case 'apiToken':
      return auth.token === undefined ? [['token', 'enter the API token']] : [];
    case 'oauth':
      return auth.signInId === undefined ? [['signInId', 'sign in with Zendesk first']] : [];
    case 'bearer':
      return auth.token === undefined ? [['token', 'enter the access token']] : [];
    case 'clientCredentials':
      return auth.clientSecret === undefined ? [['clientSecret', 'enter the App Secret']] : [];
  }
}

/**
 * The form's problems, one message per field (`baseUrl`, `auth.email`...), from the same schemas the host checks;
 * empty when the draft can be sent.
 */
export function draftProblems(draft: unknown, adding: boolean): Record<string, string> {
  const result = (adding ? NewAccountDraft : AccountDraft).safeParse(draft);
  const problems: Record<string, string> = {};
  if (result.success) return problems;
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('.');
    problems[field] ??= describeZodError(new z.ZodError([{ ...issue, path: [] }]));
  }
  return problems;
}

/** "acme" or "acme.zendesk.com" -> https://acme.zendesk.com; a full URL is kept as typed (a proxy, the simulator). */
export function zendeskBaseUrlFrom(input: string): string {
  const text = input.trim().replace(/\/+$/, '');
  if (/^[a-z0-9][a-z0-9-]*$/i.test(text)) return `https://${text.toLowerCase()}.zendesk.com`;
  if (/^[a-z0-9][a-z0-9-]*\.zendesk\.com$/i.test(text)) return `https://${text.toLowerCase()}`;
  return text;
}

export const INTERCOM_REGIONS = [
  { region: 'US', baseUrl: INTERCOM_BASE_URLS[0] },
  { region: 'EU', baseUrl: INTERCOM_BASE_URLS[1] },
  { region: 'AU', baseUrl: INTERCOM_BASE_URLS[2] },
] as const;
