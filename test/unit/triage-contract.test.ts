import { describe, expect, it } from 'vitest';
import {
  parseTriageRequest,
  subscriptionName,
  TRIAGE_PUSH_NAMES,
  TRIAGE_REQUEST_NAMES,
  triagePushes,
  triageRequests,
} from '../../shared/contract/triage-contract.ts';

describe('the triage contract', () => {
  it('exposes exactly these requests and subscriptions (a new one is a reviewed change to this list)', () => {
    expect(Object.keys(triageRequests)).toEqual([...TRIAGE_REQUEST_NAMES]);
    expect(Object.keys(triagePushes)).toEqual([...TRIAGE_PUSH_NAMES]);
    expect([...TRIAGE_REQUEST_NAMES, ...TRIAGE_PUSH_NAMES.map(subscriptionName)]).toEqual([
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
      'onTicketsChanged',
      'onSyncStatusChanged',
      'onConnectionChanged',
    ]);
  });

  it('fills defaults and names every bad field of a request', () => {
    expect(parseTriageRequest('listTickets', { view: 'p1' })).toEqual({ view: 'p1', offset: 0, limit: 500 });
    expect(() => parseTriageRequest('listTickets', { view: 'p9', offset: -1 })).toThrow(/^listTickets: view: .*; offset: /);
    expect(() => parseTriageRequest('getTicket', { accountId: 'zd' })).toThrow(/^getTicket: sourceId: /);
    expect(() => parseTriageRequest('getSyncStatus', { extra: true })).toThrow(/^getSyncStatus: extra: unknown field$/);
  });
});
