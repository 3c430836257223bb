import { Worker } from 'node:worker_threads';
import type { TriagePushName, TriageRequestName } from '../../../shared/contract/triage-contract.ts';
import type { CoreToHost, CoreWorkerInit, HostToCore } from './core-messages.ts';

export type CorePushListener = (name: TriagePushName, payload: unknown) => void;

/** What a host needs of the core, whether it runs in a worker or in-process. */
export interface CoreConnection {
  request(name: TriageRequestName, payload: unknown): Promise<unknown>;
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

/** Starts the core in a worker thread from `workerFile` and resolves once its workspace is open. */
export function startCoreWorker(workerFile: URL, init: CoreWorkerInit): Promise<CoreConnection> {
  const worker = new Worker(workerFile, { workerData: init });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const listeners = new Set<CorePushListener>();
  let nextId = 1;
  let closed: Promise<void> | null = null;

  const connection: CoreConnection = {
    request(name, payload) {
      if (closed) return Promise.reject(new Error('the core is shutting down'));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ kind: 'request', id, name, payload } satisfies HostToCore);
      });
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
