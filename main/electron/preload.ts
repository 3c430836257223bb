import { contextBridge, ipcRenderer } from 'electron';
import {
  subscriptionName,
  TRIAGE_PUSH_NAMES,
  TRIAGE_REQUEST_NAMES,
  triageChannel,
} from '../../shared/contract/triage-channels.ts';

// window.triage, generated from the contract: one named function per request and per push. No raw ipcRenderer,
// nothing that takes a channel name, and the object is frozen.
const api: Record<string, unknown> = {};
for (const name of TRIAGE_REQUEST_NAMES) {
  const channel = triageChannel(name);
  api[name] = (request: unknown) => ipcRenderer.invoke(channel, request);
}
for (const name of TRIAGE_PUSH_NAMES) {
  const channel = triageChannel(name);
  api[subscriptionName(name)] = (listener: (payload: unknown) => void) => {
    const forward = (_event: Electron.IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, forward);
    return () => void ipcRenderer.removeListener(channel, forward);
  };
}
contextBridge.exposeInMainWorld('triage', Object.freeze(api));
