import { z } from 'zod';
import { LocalMacros } from '../macros/macro.ts';
import { STARTER_MACROS } from '../macros/starter-macros.ts';
import { DEFAULT_SLA_POLICY, SlaPolicySchema } from '../sla/policy.ts';
import { AccountConfig } from './account-config.ts';
import { DEFAULT_RATE_LIMIT_SHARE, RateLimitShare } from './rate-limit-share.ts';

/**
 * The user's settings: one schema for electron-store in the shell and conf in the Node hosts.
 * Secrets never live here in plain text: account secrets are `env:NAME` references, safeStorage ciphertext (the shell),
 * or `session:` for one typed this session and held in memory only (main/core/accounts).
 */
export const Settings = z.object({
  accounts: z.array(AccountConfig).default([]),
  /** The base of adaptive polling: halved while the window is focused, doubled while it is not (poll-schedule.ts). */
  pollIntervalSeconds: z.number().int().min(15).max(3600).default(60),
  /** The share of each account's rate limit per window this desktop may spend (rate-limit-share.ts). */
  rateLimitShare: RateLimitShare.default(DEFAULT_RATE_LIMIT_SHARE),
  demoActivitySeconds: z.number().min(1).max(3600).default(4),
  /** Plans times severities, calendars and the at-risk window: DESIGN §5's policy until the team edits it. */
  slaPolicy: SlaPolicySchema.default(DEFAULT_SLA_POLICY),
  /** The local macros (shared/macros/macro.ts): the starter set for an API product until the team edits them. */
  macros: LocalMacros.prefault([...STARTER_MACROS]),
  window: z
    .object({
      width: z.number().int().min(400),
      height: z.number().int().min(300),
      x: z.number().int().optional(),
      y: z.number().int().optional(),
      maximized: z.boolean().default(false),
    })
    .optional(),
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = Settings.parse({});

/** JSON Schema of each settings key, the form conf and electron-store validate with. */
export function settingsJsonSchema(): Record<string, object> {
  const schema = z.toJSONSchema(Settings, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as {
    properties: Record<string, object>;
  };
  return withoutDefaultsInAlternatives(schema.properties) as Record<string, object>;
}

// Ajv in strict mode refuses `default` inside oneOf/anyOf branches (it could not apply it); zod applies those
// defaults when the settings are parsed, so the JSON Schema can do without them.
function withoutDefaultsInAlternatives(node: unknown, inAlternative = false): unknown {
  if (Array.isArray(node)) return node.map((item) => withoutDefaultsInAlternatives(item, inAlternative));
  if (node === null || typeof node !== 'object') return node;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'default' && inAlternative) continue;
    result[key] = withoutDefaultsInAlternatives(value, inAlternative || key === 'oneOf' || key === 'anyOf');
  }
  return result;
}
