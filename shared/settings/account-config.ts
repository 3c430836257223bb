import { z } from 'zod';
import { LocalMacros } from '../macros/macro.ts';
import { SlaPolicySchema } from '../sla/policy.ts';
import { RateLimitShare } from './rate-limit-share.ts';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

// shared/ runs without DOM or Node globals, so no URL class: scheme and host are read with a pattern.
const BASE_URL = /^(https?):\/\/(\[[0-9a-f:]+\]|[a-z0-9.-]+)(:\d{1,5})?(\/[^\s?#]*)?$/i;

/** https everywhere; plain http only to this machine (simulators, local proxies). */
export const HelpdeskBaseUrl = z.string().superRefine((value, ctx) => {
  const match = BASE_URL.exec(value);
  if (!match) {
    ctx.addIssue({ code: 'custom', message: `"${value}" is not a base URL like https://acme.zendesk.com` });
    return;
  }
  const scheme = match[1]!.toLowerCase();
  if (scheme === 'https' || LOOPBACK_HOSTS.has(match[2]!.toLowerCase())) return;
  ctx.addIssue({ code: 'custom', message: `"${value}" must be https (plain http is allowed only for 127.0.0.1, localhost or [::1])` });
});

const Secret = z.string().min(1);

export const ZendeskApiTokenAuth = z.object({ type: z.literal('apiToken'), email: z.string().min(1), token: Secret });
/** OAuth 2 (public client with PKCE): Zendesk rotates the refresh token on every refresh. */
export const ZendeskOAuthAuth = z.object({ type: z.literal('oauth'), accessToken: Secret, refreshToken: Secret, clientId: z.string().min(1) });

const AccountId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'use letters, digits, ".", "_" or "-" (at most 64)');

export const ZendeskAccount = z.object({
  id: AccountId,
  type: z.literal('zendesk'),
  baseUrl: HelpdeskBaseUrl,
  auth: z.discriminatedUnion('type', [ZendeskApiTokenAuth, ZendeskOAuthAuth]),
  /** Zendesk organization field that holds the customer's plan. */
  planField: z.string().min(1).default('plan'),
});
export type ZendeskAccount = z.infer<typeof ZendeskAccount>;

/** Intercom's regional API hosts: US (default), EU and AU. */
export const INTERCOM_BASE_URLS = ['https://api.intercom.io', 'https://api.eu.intercom.io', 'https://api.au.intercom.io'] as const;

export const IntercomAccount = z.object({
  id: AccountId,
  type: z.literal('intercom'),
  baseUrl: HelpdeskBaseUrl.default(INTERCOM_BASE_URLS[0]),
  auth: z.object({ type: z.literal('bearer'), token: Secret }),
});
export type IntercomAccount = z.infer<typeof IntercomAccount>;

export const HelpScoutAccount = z.object({
  id: AccountId,
  type: z.literal('helpscout'),
  baseUrl: HelpdeskBaseUrl.default('https://api.helpscout.net'),
  auth: z.object({ type: z.literal('clientCredentials'), clientId: z.string().min(1), clientSecret: Secret }),
});
export type HelpScoutAccount = z.infer<typeof HelpScoutAccount>;

export const AccountConfig = z.discriminatedUnion('type', [ZendeskAccount, IntercomAccount, HelpScoutAccount], {
  error: 'type must be "zendesk", "intercom" or "helpscout"',
});
export type AccountConfig = z.infer<typeof AccountConfig>;

export const AccountsConfigFile = z
  .object({
    accounts: z.array(AccountConfig),
    /** The SLA policy to compute dues with (shared/sla/policy.ts); the shipped default when absent. */
    slaPolicy: SlaPolicySchema.optional(),
    /** The share of each account's rate limit this desktop may spend (the settings' default when absent). */
    rateLimitShare: RateLimitShare.optional(),
    /** Local macros instead of the settings' (the starter set when neither has any). */
    macros: LocalMacros.optional(),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.accounts.forEach((account, index) => {
      if (seen.has(account.id)) ctx.addIssue({ code: 'custom', path: ['accounts', index, 'id'], message: `"${account.id}" is used twice` });
      seen.add(account.id);
    });
  });
