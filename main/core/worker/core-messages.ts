import type { TriagePushName, TriageRequestName } from '../../../shared/contract/triage-contract.ts';
import type { AccountConfig } from '../../../shared/settings/account-config.ts';
import type { SlaPolicy } from '../../../shared/sla/index.ts';

/** What a host tells the core worker at start. */
export interface CoreWorkerInit {
  dataDir: string;
  accounts: AccountConfig[];
  pollIntervalMs: number;
  slaPolicy: SlaPolicy;
  demoActivityMs: number;
  warnings: string[];
}

export type HostToCore = { kind: 'request'; id: number; name: TriageRequestName; payload: unknown } | { kind: 'close' };

export type CoreToHost =
  | { kind: 'ready' }
  | { kind: 'failed'; message: string }
  | { kind: 'response'; id: number; ok: true; value: unknown }
  | { kind: 'response'; id: number; ok: false; error: { name: string; message: string } }
  | { kind: 'push'; name: TriagePushName; payload: unknown }
  | { kind: 'closed' };
