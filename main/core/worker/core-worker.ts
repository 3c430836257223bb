import { parentPort, workerData } from 'node:worker_threads';
import { openWorkspace } from '../workspace.ts';
import type { CoreToHost, CoreWorkerInit, HostToCore } from './core-messages.ts';
import { HostTokenVault } from './host-token-vault.ts';

// The core runs here, off the host's main thread, so a long sync transaction never stalls a window or a socket.
const port = parentPort;
if (!port) throw new Error('core-worker.ts must run as a worker thread');
const send = (message: CoreToHost): void => port.postMessage(message);
const failure = (error: unknown): { name: string; message: string } => {
  const { name, message } = error instanceof Error ? error : new Error(String(error));
  return { name, message };
};

try {
  const init = workerData as CoreWorkerInit;
  const tokenVault = init.tokensKeptByHost ? new HostTokenVault(port) : undefined;
  // Token answers may be needed while the workspace opens (a first sync), so they are listened for first.
  port.on('message', (message: HostToCore) => {
    if (message.kind === 'tokensAnswer') tokenVault?.settle(message);
  });
  const workspace = await openWorkspace({ ...init, tokenVault });
  workspace.onPush((name, payload) => send({ kind: 'push', name, payload }));
  port.on('message', (message: HostToCore) => {
    switch (message.kind) {
      case 'close':
        void workspace.close().finally(() => {
          send({ kind: 'closed' });
          port.close();
        });
        return;
      case 'accounts':
        workspace.useAccounts(message.change).then(
          () => send({ kind: 'response', id: message.id, ok: true, value: null }),
          (error: unknown) => send({ kind: 'response', id: message.id, ok: false, error: failure(error) }),
        );
        return;
      case 'request':
        try {
          send({ kind: 'response', id: message.id, ok: true, value: workspace.core.handle(message.name, message.payload) });
        } catch (error) {
          send({ kind: 'response', id: message.id, ok: false, error: failure(error) });
        }
        return;
      case 'tokensAnswer':
        return;
    }
  });
  send({ kind: 'ready' });
} catch (error) {
  send({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
}
