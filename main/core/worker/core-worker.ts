import { parentPort, workerData } from 'node:worker_threads';
import { openWorkspace } from '../workspace.ts';
import type { CoreToHost, CoreWorkerInit, HostToCore } from './core-messages.ts';

// The core runs here, off the host's main thread, so a long sync transaction never stalls a window or a socket.
const port = parentPort;
if (!port) throw new Error('core-worker.ts must run as a worker thread');
const send = (message: CoreToHost): void => port.postMessage(message);

try {
  const workspace = await openWorkspace(workerData as CoreWorkerInit);
  workspace.core.onPush((name, payload) => send({ kind: 'push', name, payload }));
  port.on('message', (message: HostToCore) => {
    if (message.kind === 'close') {
      void workspace.close().finally(() => {
        send({ kind: 'closed' });
        port.close();
      });
      return;
    }
    try {
      send({ kind: 'response', id: message.id, ok: true, value: workspace.core.handle(message.name, message.payload) });
    } catch (error) {
      const { name, message: text } = error instanceof Error ? error : new Error(String(error));
      send({ kind: 'response', id: message.id, ok: false, error: { name, message: text } });
    }
  });
  send({ kind: 'ready' });
} catch (error) {
  send({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
}
