import type { AccountConfig } from '../../../shared/settings/account-config.ts';
import type { ZendeskTokenVault } from '../auth/zendesk-token-vault.ts';
import type { HttpDeps, RetryPolicy } from '../sync/helpdesk-http.ts';
import type { HelpdeskConnector } from './helpdesk-connector.ts';
import { HelpScoutConnector } from './helpscout/helpscout-connector.ts';
import { IntercomConnector } from './intercom/intercom-connector.ts';
import { ZendeskConnector } from './zendesk/zendesk-connector.ts';

/** `tokenVault` keeps Zendesk OAuth accounts' rotated tokens between runs. */
export function connectorForAccount(account: AccountConfig, retry: RetryPolicy, http?: HttpDeps, tokenVault?: ZendeskTokenVault): HelpdeskConnector {
  switch (account.type) {
    case 'zendesk':
      return new ZendeskConnector(account, retry, http, tokenVault);
    case 'intercom':
      return new IntercomConnector(account, retry, http);
    case 'helpscout':
      return new HelpScoutConnector(account, retry, http);
  }
}
