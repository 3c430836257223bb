import { Worker } from 'node:worker_threads';
import type { TriagePushName, TriageRequestName } from '../../../shared/contract/triage-contract.ts';
import type { ZendeskTokenVault } from '../auth/zendesk-token-vault.ts';
import type { WorkspaceAccounts } from '../workspace.ts';
import type { CoreToHost, CoreWorkerInit, HostToCore } from './core-messages.ts';

export type CorePushListener = (name: TriagePushName, payload: unknown) => void;

/** What a host needs of the core, whether it runs in a worker or in-process. */
export interface CoreConnection {
  request(name: TriageRequestName, payload: unknown): Promise<unknown>;
  /** Syncs these accounts from now on, without a restart; resolves once the core has switched. */
  useAccounts(change: WorkspaceAccounts): Promise<void>;
  onPush(listener: CorePushListener): () => void;
  close(): Promise<void>;
}

/** An error the core raised while answering; the host passes its message on. */
export class CoreRequestError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/**
 * Starts the core in a worker thread from `workerFile` and resolves once its workspace is open. With
 * `init.tokensKeptByHost`, `tokenVault` answers the worker's reads and writes of rotated Zendesk tokens.
 */
export function startCoreWorker(workerFile: URL, init: CoreWorkerInit, tokenVault?: ZendeskTokenVault): Promise<CoreConnection> {
  const worker = new Worker(workerFile, { workerData: init });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const listeners = new Set<CorePushListener>();
  let nextId = 1;
  let closed: Promise<void> | null = null;

  const ask = (message: (id: number) => HostToCore): Promise<unknown> => {
    if (closed) return Promise.reject(new Error('the core is shutting down'));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage(message(id));
    });
  };

  const connection: CoreConnection = {
    request: (name, payload) => ask((id) => ({ kind: 'request', id, name, payload })),
    useAccounts: async (change) => {
      await ask((id) => ({ kind: 'accounts', id, change }));
    },
    onPush(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closed ??= new Promise<void>((resolve) => {
        const timer = setTimeout(() => void worker.terminate().then(() => resolve()), 5_000);
        worker.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        worker.postMessage({ kind: 'close' } satisfies HostToCore);
      });
      return closed;
    },
  };

  return new Promise((resolve, reject) => {
    worker.on('message', (message: CoreToHost) => {
      switch (message.kind) {
        case 'ready':
          resolve(connection);
          return;
        case 'failed':
          reject(new Error(message.message));
          void worker.terminate();
          return;
        case 'response': {
          const waiter = pending.get(message.id);
          pending.delete(message.id);
          if (!waiter) return;
          if (message.ok) waiter.resolve(message.value);
          else waiter.reject(new CoreRequestError(message.error.name, message.error.message));
          return;
        }
        case 'push':
          for (const listener of listeners) listener(message.name, message.payload);
          return;
        case 'readTokens':
        case 'writeTokens': {
          const id = message.id;
          const answer = (value: HostToCore): void => void worker.postMessage(value);
          const done = message.kind === 'readTokens' ? tokenVault?.read(message.accountId) : tokenVault?.write(message.accountId, message.stored).then(() => null);
          (done ?? Promise.reject(new Error('this host keeps no Zendesk tokens'))).then(
            (stored) => answer({ kind: 'tokensAnswer', id, ok: true, stored }),
            (error: unknown) => answer({ kind: 'tokensAnswer', id, ok: false, message: error instanceof Error ? error.message : String(error) }),
          );
          return;
        }
        case 'closed':
          return;
      }
    });
    worker.on('error', (error) => {
      reject(error);
      for (const waiter of pending.values()) waiter.reject(error);
      pending.clear();
    });
    worker.on('exit', () => {
      for (const waiter of pending.values()) waiter.reject(new Error('the core stopped'));
      pending.clear();
    });
  });
}
