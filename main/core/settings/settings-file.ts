import { existsSync, renameSync } from 'node:fs';
import { type Settings, Settings as SettingsSchema } from '../../../shared/settings/settings.ts';
import { describeZodError } from '../../../shared/validation/describe-zod-error.ts';

/** What conf and electron-store (built on conf) have in common, as far as settings are concerned. */
export interface SettingsBackend {
  readonly path: string;
  readonly store: Record<string, unknown>;
  set(key: string, value: unknown): void;
}

export interface OpenedSettings {
  settings: Settings;
  backend: SettingsBackend;
  /** Set when the file on disk could not be used: says what was wrong and where the original was kept. */
  warning: string | null;
}

/**
 * Opens the settings file through `createBackend`. A file that is not JSON or breaks the schema is never
 * overwritten silently: it is moved aside to a timestamped backup, the app starts on defaults, and the
 * warning tells the user both facts in one line.
 */
export function openSettingsFile(path: string, createBackend: () => SettingsBackend, now: () => Date = () => new Date()): OpenedSettings {
  let backend: SettingsBackend;
  let warning: string | null = null;
  try {
    backend = createBackend();
    const parsed = SettingsSchema.safeParse(backend.store);
    if (!parsed.success) throw new Error(describeZodError(parsed.error));
    return { settings: parsed.data, backend, warning };
  } catch (error) {
    if (!existsSync(path)) throw error;
    const backup = `${path}.corrupt-${now().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(path, backup);
    warning = `Settings file ${path} could not be read (${firstLine(error)}); it was kept as ${backup} and defaults are in use`;
    backend = createBackend();
    return { settings: SettingsSchema.parse(backend.store), backend, warning };
  }
}

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split('\n')[0]!;
}
