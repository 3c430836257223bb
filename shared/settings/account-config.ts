import { z } from 'zod';
import { SlaPolicySchema } from '../sla/policy.ts';

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

export const ZendeskApiTokenAuth = z.object({
  type: z.literal('apiToken'),
  email: z.string().min(1),
  token: z.string().min(1),
});

export const AccountConfig = z.object({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'use letters, digits, ".", "_" or "-" (at most 64)'),
  type: z.literal('zendesk', { error: 'only "zendesk" accounts can be synced in this version' }),
  baseUrl: HelpdeskBaseUrl,
  auth: ZendeskApiTokenAuth,
  /** Zendesk organization field that holds the customer's plan. */
  planField: z.string().min(1).default('plan'),
});
export type AccountConfig = z.infer<typeof AccountConfig>;

export const AccountsConfigFile = z
  .object({
    accounts: z.array(AccountConfig),
    /** The SLA policy to compute dues with (shared/sla/policy.ts); the shipped default when absent. */
    slaPolicy: SlaPolicySchema.optional(),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.accounts.forEach((account, index) => {
      if (seen.has(account.id)) ctx.addIssue({ code: 'custom', path: ['accounts', index, 'id'], message: `"${account.id}" is used twice` });
      seen.add(account.id);
    });
  });
