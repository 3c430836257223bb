import { randomUUID } from 'node:crypto';
import { authorizeZendeskInBrowser, type ZendeskBrowserSignInOptions } from '../auth/zendesk-browser-sign-in.ts';
import type { ZendeskTokens } from '../auth/zendesk-tokens.ts';
import { AccountsError } from './accounts-source.ts';

export interface ZendeskSignInsOptions {
  /** Opens the authorization page in the system browser (the shell); null where the window opens it (the browser host). */
  openBrowser: ((url: string) => Promise<void>) | null;
  authorize?: (options: ZendeskBrowserSignInOptions) => Promise<ZendeskTokens>;
  /** How long the browser may take to come back (default: the sign-in's own, 5 minutes). */
  timeoutMs?: number;
}

interface SignIn {
  baseUrl: string;
  clientId: string;
  outcome: Promise<ZendeskTokens>;
  tokens: ZendeskTokens | null;
}

/**
 * "Sign in with Zendesk" from the accounts screen: the loopback sign-in runs here, on the host, and its tokens wait
 * under an id until the account is saved with it. The window only ever holds the id.
 */
export class ZendeskSignIns {
  readonly #options: ZendeskSignInsOptions;
  readonly #signIns = new Map<string, SignIn>();

  constructor(options: ZendeskSignInsOptions) {
    this.#options = options;
  }

  /** Starts a sign-in; resolves with the authorization page's address once the loopback listener is up. */
  async start(baseUrl: string, clientId: string): Promise<{ signInId: string; authorizeUrl: string; openedByHost: boolean }> {
    const signInId = randomUUID();
    const open = this.#options.openBrowser;
    let shown!: (url: string) => void;
    const authorizeUrl = new Promise<string>((resolve) => (shown = resolve));
    const outcome = (this.#options.authorize ?? authorizeZendeskInBrowser)({
      baseUrl,
      clientId,
      openBrowser: async (url) => {
        shown(url);
        await open?.(url);
      },
      ...(this.#options.timeoutMs === undefined ? {} : { timeoutMs: this.#options.timeoutMs }),
    });
    const signIn: SignIn = { baseUrl, clientId, outcome, tokens: null };
    this.#signIns.set(signInId, signIn);
    // A failure is told by finish(), which the window calls at once.
    outcome.then(
      (tokens) => (signIn.tokens = tokens),
      () => undefined,
    );
    const url = await Promise.race([authorizeUrl, outcome.then(() => authorizeUrl)]);
    return { signInId, authorizeUrl: url, openedByHost: open !== null };
  }

  /** Waits for the browser to come back; rejects with what went wrong (denied, timed out, refused). */
  async finish(signInId: string): Promise<void> {
    const signIn = this.#signIns.get(signInId);
    if (!signIn) throw new AccountsError('That sign-in is over or unknown: sign in with Zendesk again.');
    try {
      await signIn.outcome;
    } catch (error) {
      this.#signIns.delete(signInId);
      throw error;
    }
  }

  /** The tokens of a finished sign-in, for the account it was made for (the same Zendesk and OAuth client only). */
  tokensFor(signInId: string, baseUrl: string, clientId: string): ZendeskTokens {
    const signIn = this.#signIns.get(signInId);
    if (!signIn?.tokens) throw new AccountsError('Sign in with Zendesk first (the sign-in is not finished).');
    if (new URL(signIn.baseUrl).origin !== new URL(baseUrl).origin || signIn.clientId !== clientId) {
      throw new AccountsError('The sign-in was for another Zendesk or OAuth client: sign in with Zendesk again.');
    }
    return signIn.tokens;
  }

  /** The account is saved: its tokens are in the settings now, not here. */
  forget(signInId: string): void {
    this.#signIns.delete(signInId);
  }
}
