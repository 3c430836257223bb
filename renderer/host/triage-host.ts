import type { TriageApi } from '../../shared/contract/triage-contract.ts';

declare global {
  interface Window {
    /** Provided by the host (Electron preload or the browser host's bridge), generated from the contract. */
    readonly triage?: TriageApi;
  }
}

/** The host's API, or null when the page was opened without one (e.g. the built files straight from disk). */
export function triageHost(): TriageApi | null {
  return window.triage ?? null;
}
