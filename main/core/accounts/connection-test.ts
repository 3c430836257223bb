import type { AccountConfig } from '../../../shared/settings/account-config.ts';
import type { ConnectionTestResult } from '../../../shared/settings/account-summary.ts';
import { connectorForAccount } from '../connectors/connector-for-account.ts';
import { AuthenticationError } from '../connectors/helpdesk-connector.ts';
import { HelpdeskHttpError, HelpdeskUnreachableError, type HttpDeps, REAL_HTTP } from '../sync/helpdesk-http.ts';

/** Long enough for a slow helpdesk, short enough that a person waiting on the button is told something. */
export const CONNECTION_TEST_TIMEOUT_MS = 10_000;

type Failure = Extract<ConnectionTestResult, { ok: false }>;

const HELPDESK_NAMES: Record<AccountConfig['type'], string> = { zendesk: 'Zendesk', intercom: 'Intercom', helpscout: 'Help Scout' };

/**
 * "Test connection": the real connector's verify(), tried once with a short timeout, and what it ran into said
 * in words a person can act on, naming the form field to check.
 */
export async function testAccountConnection(
  account: AccountConfig,
  timeoutMs: number = CONNECTION_TEST_TIMEOUT_MS,
  http: HttpDeps = REAL_HTTP,
): Promise<ConnectionTestResult> {
  const connector = connectorForAccount(account, { attempts: 1, baseDelayMs: 0, maxDelayMs: 0, timeoutMs }, http);
  try {
    await connector.verify();
  } catch (error) {
    return describeConnectionFailure(error, account, timeoutMs);
  }
  return { ok: true, message: `Connected to ${hostOf(account.baseUrl)}: ${HELPDESK_NAMES[account.type]} accepted ${credentialsOf(account)}.` };
}

export function describeConnectionFailure(error: unknown, account: AccountConfig, timeoutMs: number): Failure {
  const helpdesk = HELPDESK_NAMES[account.type];
  const host = hostOf(account.baseUrl);
  const where = account.type === 'zendesk' ? 'the subdomain (or base URL)' : 'the base URL';
  const cause = error instanceof AuthenticationError && error.cause instanceof HelpdeskHttpError ? error.cause : error;

  if (cause instanceof HelpdeskHttpError && cause.status === 404) {
    return fail('not_found', 'baseUrl', `${host} has no ${helpdesk} API where it should be (HTTP 404): check ${where}.`);
  }
  if (error instanceof AuthenticationError) {
    const status = cause instanceof HelpdeskHttpError ? ` (HTTP ${cause.status})` : '';
    return error.refusal === 'permission' ? permissionRefused(account, status) : credentialsRefused(account, status);
  }
  if (cause instanceof HelpdeskHttpError) {
    return fail('not_helpdesk', 'baseUrl', `${host} answered HTTP ${cause.status} where the ${helpdesk} API should be: check ${where}.`);
  }
  if (cause instanceof HelpdeskUnreachableError) {
    const problem = cause.lastProblem;
    switch (problem.kind) {
      case 'timeout':
        return fail('timeout', null, `${host} did not answer within ${durationOf(timeoutMs)}: check ${where}, your network or proxy, then try again.`);
      case 'status':
        return problem.status === 429
          ? fail('server', null, `${helpdesk} is limiting requests for these credentials (HTTP 429): try again in a minute.`)
          : fail('server', null, `${helpdesk} answered HTTP ${problem.status}, a problem on its side: try again in a few minutes.`);
      case 'unreadable':
        return fail('not_helpdesk', 'baseUrl', `${host} answered, but not with ${helpdesk}'s API: check ${where}.`);
      case 'network':
        return networkFailure(problem.code, account, where);
      case 'other':
        break;
    }
  }
  if (error instanceof Error && /unexpected answer/.test(error.message)) {
    return fail('not_helpdesk', 'baseUrl', `${host} answered, but not as ${helpdesk} does: check ${where}.`);
  }
  return fail('other', null, `The test failed: ${error instanceof Error ? error.message : String(error)}`);
}

function networkFailure(code: string, account: AccountConfig, where: string): Failure {
  const url = new URL(account.baseUrl);
  const host = url.hostname;
  if (code === 'ENOTFOUND') {
    return fail('dns', 'baseUrl', `The host name ${host} does not exist (DNS knows no such name): check ${where} for a typo.`);
  }
  if (code === 'EAI_AGAIN') {
    return fail('dns', null, `${host} could not be looked up (no answer from DNS): check this computer's network connection, then try again.`);
  }
  if (code === 'ECONNREFUSED') {
    const port = url.port || (url.protocol === 'https:' ? '443' : '80');
    return fail('refused', 'baseUrl', `${host} refused the connection on port ${port}: nothing is listening there. Check ${where} and its port.`);
  }
  if (code === 'CERT_HAS_EXPIRED') {
    return fail('tls', 'baseUrl', `The certificate of ${host} has expired, so the connection is not safe: check ${where}.`);
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return fail('tls', 'baseUrl', `The certificate of ${host} is for another name, so the connection is not safe: check ${where}.`);
  }
  if (code === 'EPROTO' || code.startsWith('ERR_SSL_')) {
    return fail('tls', 'baseUrl', `${host} did not speak TLS (${code}): check ${where} (https:// to a server that only speaks http?).`);
  }
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS/.test(code)) {
    return fail(
      'tls',
      'baseUrl',
      `The certificate of ${host} is not trusted (${code}): check ${where}. Behind a proxy that inspects HTTPS, this computer must trust the proxy's certificate.`,
    );
  }
  return fail('other', null, `The connection to ${host} failed (${code}): a proxy or firewall may be in the way; try again.`);
}

function credentialsRefused(account: AccountConfig, status: string): Failure {
  const auth = account.auth;
  switch (auth.type) {
    case 'apiToken':
      return fail(
        'credentials',
        'auth.token',
        `Zendesk did not accept the API token for ${auth.email}${status || ' (it answered as an anonymous user)'}: check the email and the token ` +
          '(Admin Center > Apps and integrations > Zendesk API; the email must be the agent who uses it).',
      );
    case 'oauth':
      return fail('credentials', 'auth.signInId', `Zendesk did not accept the OAuth sign-in${status}: it may have been revoked; sign in with Zendesk again.`);
    case 'bearer':
      return fail(
        'credentials',
        'auth.token',
        `Intercom did not accept the access token${status}: check it (Developer Hub > your app > Configure > Authentication) and the region.`,
      );
    case 'clientCredentials':
      return fail('credentials', 'auth.clientSecret', `Help Scout did not accept the App ID and App Secret${status}: check both under Your Profile > My Apps.`);
  }
}

function permissionRefused(account: AccountConfig, status: string): Failure {
  switch (account.type) {
    case 'zendesk':
      return fail(
        'permission',
        null,
        `Zendesk knows ${credentialsOf(account)} but refuses access${status}: the user must be an agent or an admin (an admin to sync every ` +
          'ticket through the incremental export), and API access must be on in Admin Center.',
      );
    case 'intercom':
      return fail('permission', null, `Intercom accepted the token but refuses access${status}: give the app permission to read conversations, contacts and companies.`);
    case 'helpscout':
      return fail('permission', null, `Help Scout accepted the app but refuses access${status}: the user who owns the app must be active, and the account must have API access.`);
  }
}

function credentialsOf(account: AccountConfig): string {
  switch (account.auth.type) {
    case 'apiToken':
      return `the API token of ${account.auth.email}`;
    case 'oauth':
      return 'the OAuth sign-in';
    case 'bearer':
      return 'the access token';
    case 'clientCredentials':
      return 'the App ID and App Secret';
  }
}

function durationOf(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} seconds`;
}

function hostOf(baseUrl: string): string {
  return new URL(baseUrl).host;
}

function fail(problem: Failure['problem'], field: string | null, message: string): Failure {
  return { ok: false, problem, field, message };
}
