import { z } from 'zod';
import { AccountConfig } from './account-config.ts';

/**
 * The user's settings: one schema for electron-store in the shell and conf in the Node hosts.
 * Secrets never live here in plain text: account secrets are `env:NAME` references (or, in the shell, ciphertext).
 */
export const Settings = z.object({
  accounts: z.array(AccountConfig).default([]),
  pollIntervalSeconds: z.number().int().min(15).max(3600).default(60),
  demoActivitySeconds: z.number().min(1).max(3600).default(4),
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
  const schema = z.toJSONSchema(Settings, { target: 'draft-7', io: 'input', unrepresentable: 'any' }) as {
    properties: Record<string, object>;
  };
  return schema.properties;
}
