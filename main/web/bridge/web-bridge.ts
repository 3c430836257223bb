import {
  subscriptionName,
  TRIAGE_PUSH_NAMES,
  TRIAGE_REQUEST_NAMES,
  triagePushes,
  triageRequests,
  type TriageApi,
  type TriagePushName,
} from '../../../shared/contract/triage-contract.ts';

/**
 * window.triage for the browser host, generated from the contract like the Electron preload:
 * requests are POSTs to this origin, pushes arrive on one WebSocket that reconnects when the host comes back.
 */
type Listener = (payload: unknown) => void;
const listeners = new Map<TriagePushName, Set<Listener>>(TRIAGE_PUSH_NAMES.map((name) => [name, new Set<Listener>()]));

function emit(name: TriagePushName, payload: unknown): void {
  const parsed = triagePushes[name].safeParse(payload);
  if (!parsed.success) {
    console.error(`triage: dropped a malformed "${name}" push`, parsed.error);
    return;
  }
  for (const listener of listeners.get(name) ?? []) listener(parsed.data);
}

const api: Record<string, unknown> = {};
for (const name of TRIAGE_REQUEST_NAMES) {
  api[name] = async (request: unknown) => {
    let response: Response;
    try {
      response = await fetch(`/__triage/api/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request ?? {}),
      });
    } catch {
      throw new Error('The Triage Desk host is not answering (it may have stopped).');
    }
    const body = (await response.json().catch(() => ({ error: `HTTP ${response.status}` }))) as { value?: unknown; error?: string };
    if (!response.ok) throw new Error(body.error ?? `HTTP ${response.status}`);
    return triageRequests[name].response.parse(body.value);
  };
}
for (const name of TRIAGE_PUSH_NAMES) {
  api[subscriptionName(name)] = (listener: Listener) => {
    listeners.get(name)!.add(listener);
    return () => listeners.get(name)!.delete(listener);
  };
}

let connected: boolean | null = null;
function setConnected(value: boolean): void {
  if (connected === value) return;
  connected = value;
  emit('connectionChanged', { connected: value });
}

function connect(delayMs: number): void {
  const socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/__triage/events`);
  socket.onopen = () => {
    delayMs = 500;
    setConnected(true);
  };
  socket.onmessage = (event) => {
    const message = JSON.parse(String(event.data)) as { name: TriagePushName; payload: unknown };
    if ((TRIAGE_PUSH_NAMES as readonly string[]).includes(message.name)) emit(message.name, message.payload);
  };
  socket.onclose = () => {
    setConnected(false);
    setTimeout(() => connect(Math.min(delayMs * 2, 5_000)), delayMs);
  };
}
connect(500);

Object.defineProperty(window, 'triage', { value: Object.freeze(api as TriageApi), writable: false, configurable: false });
