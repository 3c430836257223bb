import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateStore, type GeneratedStoreOptions } from './generated-store.ts';
import { writeConfigFile } from './config-file.ts';

export interface WebHostProcess {
  url: string;
  dataDir: string;
  process: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts the browser host exactly as `npm run web` does after its build (node main/web/start.ts), on a free
 * port with a fresh data folder (or `dataDir`), and waits for the URL it prints. The folder goes with stop().
 */
export async function startWebHostProcess(args: string[] = [], env: NodeJS.ProcessEnv = {}, dataDir = mkdtempSync(join(tmpdir(), 'triage-web-'))): Promise<WebHostProcess> {
  const child = spawn(process.execPath, ['main/web/start.ts', '--port', '0', '--data-dir', dataDir, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the web host printed no URL within 30 s:\n${output}`)), 30_000);
    const onData = () => {
      const match = /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the web host exited with ${code} before printing its URL:\n${output}`));
    });
  });
  return {
    url,
    dataDir,
    process: child,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The browser host over a generated store (test/support/generated-store.ts) and a config file listing `accounts`
 * (`npm run web -- --config FILE --data-dir DIR`). With none it serves the stored tickets as they are, no sync, no demo.
 */
export async function startGeneratedStoreHost(store: Omit<GeneratedStoreOptions, 'dataDir'>, accounts: unknown[] = []): Promise<WebHostProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'triage-web-'));
  generateStore({ ...store, dataDir });
  const config = writeConfigFile(dataDir, { accounts });
  return startWebHostProcess(['--config', config], {}, dataDir);
}
