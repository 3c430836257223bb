import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where the browser host keeps its profile when no --data-dir is given (XDG on Linux, the usual places elsewhere). */
export function defaultWebDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const base =
    process.platform === 'darwin'
      ? join(homedir(), 'Library', 'Application Support')
      : process.platform === 'win32'
        ? (env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'))
        : (env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'));
  return join(base, 'triage-desk', 'web');
}
