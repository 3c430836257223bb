import { parseTriageRequest, type TriageRequestName } from '../../../shared/contract/triage-contract.ts';
import type { CoreConnection } from '../worker/core-client.ts';
import type { Accounts } from './accounts.ts';

const ACCOUNT_REQUESTS = new Set<TriageRequestName>([
  'listAccounts',
  'addAccount',
  'editAccount',
  'removeAccount',
  'testConnection',
  'signInWithZendesk',
  'finishZendeskSignIn',
]);

/**
 * The core's connection with the accounts requests answered on the host's main thread, where the settings and the
 * vault are; every other request goes on to the core worker. Both hosts bind this to their transport.
 */
export function withAccountRequests(core: CoreConnection, accounts: Accounts): CoreConnection {
  return {
    request: (name, payload) => (ACCOUNT_REQUESTS.has(name) ? answer(accounts, name, payload) : core.request(name, payload)),
    useAccounts: (change) => core.useAccounts(change),
    onPush: (listener) => core.onPush(listener),
    close: () => core.close(),
  };
}

async function answer(accounts: Accounts, name: TriageRequestName, payload: unknown): Promise<unknown> {
  switch (name) {
    case 'listAccounts':
      parseTriageRequest('listAccounts', payload);
      return accounts.list();
    case 'addAccount': {
      const request = parseTriageRequest('addAccount', payload);
      return accounts.add(request.account, request.storeAnyway);
    }
    case 'editAccount': {
      const request = parseTriageRequest('editAccount', payload);
      return accounts.edit(request.account, request.storeAnyway);
    }
    case 'removeAccount':
      return accounts.remove(parseTriageRequest('removeAccount', payload).id);
    case 'testConnection':
      return accounts.testConnection(parseTriageRequest('testConnection', payload).account);
    case 'signInWithZendesk': {
      const request = parseTriageRequest('signInWithZendesk', payload);
      return accounts.signIns.start(request.baseUrl, request.clientId);
    }
    case 'finishZendeskSignIn':
      await accounts.signIns.finish(parseTriageRequest('finishZendeskSignIn', payload).signInId);
      return { signedIn: true };
    default:
      throw new Error(`"${name}" is not an accounts request`);
  }
}
