/**
 * The names of the contract's requests and pushes, without their schemas: what the Electron preload needs to build
 * window.triage, kept free of zod so the sandboxed preload stays small. triage-contract.ts checks they match.
 */
export const TRIAGE_REQUEST_NAMES = [
  'listTickets',
  'searchTickets',
  'getTicket',
  'getSyncStatus',
  'listAccounts',
  'addAccount',
  'editAccount',
  'removeAccount',
  'testConnection',
  'signInWithZendesk',
  'finishZendeskSignIn',
  'listQuarantined',
  'queueWrite',
  'saveDraft',
  'retryWrite',
  'discardWrite',
  'listMacros',
  'reportWindowFocus',
] as const;
export const TRIAGE_PUSH_NAMES = ['ticketsChanged', 'syncStatusChanged', 'connectionChanged'] as const;

export type TriageRequestName = (typeof TRIAGE_REQUEST_NAMES)[number];
export type TriagePushName = (typeof TRIAGE_PUSH_NAMES)[number];

/** `ticketsChanged` -> `onTicketsChanged`: the subscription's name on `window.triage`. */
export type SubscriptionName<N extends TriagePushName> = `on${Capitalize<N>}`;
export function subscriptionName<N extends TriagePushName>(name: N): SubscriptionName<N> {
  return `on${name[0]!.toUpperCase()}${name.slice(1)}` as SubscriptionName<N>;
}

/** IPC channel of a request or push in the Electron host. */
export const triageChannel = (name: TriageRequestName | TriagePushName): string => `triage:${name}`;
