// `triage-desk auth zendesk`: the browser sign-in, ending with the account's "auth" for the config file.
import { parseArgs } from 'node:util';
import { HelpdeskBaseUrl } from '../../../shared/settings/account-config.ts';
import { describeZodError } from '../../../shared/validation/describe-zod-error.ts';
import { authorizeZendeskInBrowser, DEFAULT_ZENDESK_SCOPE, ZendeskSignInError } from '../../core/auth/zendesk-browser-sign-in.ts';
import { type CliIo, writeLine } from '../cli-io.ts';
import { UsageError } from '../usage.ts';

export async function runAuthCommand(args: string[], io: CliIo): Promise<number> {
  const [helpdesk, ...rest] = args;
  if (helpdesk !== 'zendesk') throw new UsageError(`auth: the helpdesk to sign in to is "zendesk"${helpdesk ? `, not "${helpdesk}"` : ''}`);
  const { values } = parseArgs({
    args: rest,
    options: {
      'base-url': { type: 'string' },
      'client-id': { type: 'string' },
      scope: { type: 'string', default: DEFAULT_ZENDESK_SCOPE },
      port: { type: 'string', default: '0' },
    },
    strict: true,
    allowPositionals: false,
  });
  const baseUrl = values['base-url'];
  const clientId = values['client-id'];
  if (!baseUrl) throw new UsageError('auth zendesk: --base-url URL is required (https://SUBDOMAIN.zendesk.com)');
  if (!clientId) throw new UsageError("auth zendesk: --client-id ID is required (the OAuth client's unique identifier)");
  const checked = HelpdeskBaseUrl.safeParse(baseUrl);
  if (!checked.success) throw new UsageError(`auth zendesk: --base-url: ${describeZodError(checked.error)}`);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError('auth zendesk: --port must be a port number (0: any free port)');

  const cancel = new AbortController();
  const onSignal = (): void => cancel.abort();
  process.once('SIGINT', onSignal);
  try {
    const tokens = await authorizeZendeskInBrowser({
      baseUrl,
      clientId,
      scope: values.scope,
      port,
      signal: cancel.signal,
      openBrowser: (url) => {
        writeLine(io.stderr, `Open this address in your browser and allow Triage Desk into Zendesk (Ctrl+C to cancel):\n  ${url}`);
      },
    });
    writeLine(io.stderr, 'Signed in. Use this as the account\'s "auth" in the config file:');
    writeLine(io.stdout, JSON.stringify({ type: 'oauth', accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, clientId }, null, 2));
    return 0;
  } catch (error) {
    if (!(error instanceof ZendeskSignInError)) throw error;
    writeLine(io.stderr, `triage-desk auth: ${error.message}`);
    return 2;
  } finally {
    process.off('SIGINT', onSignal);
  }
}
