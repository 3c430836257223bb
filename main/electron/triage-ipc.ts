import type { IpcMain, WebContents } from 'electron';
import {
  TRIAGE_REQUEST_NAMES,
  triageChannel,
  type TriagePushName,
} from '../../shared/contract/triage-contract.ts';
import type { CoreConnection } from '../core/worker/core-client.ts';
import { isTrustedIpcSender } from './app-origin.ts';

/**
 * Binds every contract request to the core through one wrapper: the sender must be our page's top frame,
 * and the core validates the payload against the contract before it acts on it.
 */
export function registerTriageIpc(ipcMain: IpcMain, core: CoreConnection): void {
  for (const name of TRIAGE_REQUEST_NAMES) {
    ipcMain.handle(triageChannel(name), async (event, payload: unknown) => {
      if (!isTrustedIpcSender(event.senderFrame)) {
        throw new Error(`refused "${name}" from an untrusted frame (${event.senderFrame?.url ?? 'unknown'})`);
      }
      return core.request(name, payload);
    });
  }
}

/** Forwards the core's pushes to a window. */
export function forwardPushes(core: CoreConnection, contents: WebContents): () => void {
  return core.onPush((name: TriagePushName, payload: unknown) => {
    if (!contents.isDestroyed()) contents.send(triageChannel(name), payload);
  });
}
