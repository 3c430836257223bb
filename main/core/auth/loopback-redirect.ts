import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the browser is shown once the sign-in is over. */
export interface RedirectPage {
  status: number;
  title: string;
  message: string;
}

/** The browser's visit to the callback: its query, and the page to answer it with once the app knows the outcome. */
export interface RedirectVisit {
  query: URLSearchParams;
  /** Sends the page; resolves once it has gone out (the listener closes then). */
  answer(page: RedirectPage): Promise<void>;
}

/**
 * A one-shot HTTP listener on 127.0.0.1 for an OAuth redirect (RFC 8252's loopback redirect): the first visit to
 * `path` is handed over, every other request is turned away, and the listener closes once that visit is answered.
 */
export class LoopbackRedirect {
  readonly redirectUri: string;
  readonly #server: ReturnType<typeof createServer>;
  readonly #visit: Promise<RedirectVisit>;
  #closed: Promise<void> | null = null;

  private constructor(server: ReturnType<typeof createServer>, redirectUri: string, visit: Promise<RedirectVisit>) {
    this.#server = server;
    this.redirectUri = redirectUri;
    this.#visit = visit;
  }

  /** Listens on 127.0.0.1 at `port` (0: any free port). */
  static async listen(path: string, port = 0): Promise<LoopbackRedirect> {
    let handOver!: (visit: RedirectVisit) => void;
    const visit = new Promise<RedirectVisit>((resolve) => (handOver = resolve));
    let visited = false;
    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (req.method !== 'GET' || url.pathname !== path || visited) {
        sendPage(res, { status: 404, title: 'Not found', message: 'This address only receives one sign-in, and it is over.' });
        return;
      }
      visited = true;
      handOver({
        query: url.searchParams,
        answer: async (page) => {
          // Closing the listener cuts open connections: only once the page has gone out.
          const sent = new Promise<void>((resolve) => res.once('close', resolve));
          sendPage(res, page);
          await sent;
          await redirect.close();
        },
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const { port: bound } = server.address() as AddressInfo;
    const redirect = new LoopbackRedirect(server, `http://127.0.0.1:${bound}${path}`, visit);
    return redirect;
  }

  /** The browser's visit; rejects with `signal`'s reason if it is aborted first. */
  visit(signal: AbortSignal): Promise<RedirectVisit> {
    return new Promise<RedirectVisit>((resolve, reject) => {
      const abort = (): void => reject(signal.reason as Error);
      if (signal.aborted) {
        abort();
        return;
      }
      signal.addEventListener('abort', abort, { once: true });
      this.#visit.then((visit) => {
        signal.removeEventListener('abort', abort);
        resolve(visit);
      }, reject);
    });
  }

  /** Stops listening and cuts open connections; later calls return the same promise. */
  close(): Promise<void> {
    this.#closed ??= new Promise<void>((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
    return this.#closed;
  }
}

function sendPage(res: ServerResponse, page: RedirectPage): void {
  const html =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(page.title)} - Triage Desk</title></head>` +
    `<body style="font-family:system-ui,sans-serif;margin:3rem auto;max-width:32rem"><h1>${escapeHtml(page.title)}</h1>` +
    `<p>${escapeHtml(page.message)}</p></body></html>`;
  res.writeHead(page.status, {
    'content-type': 'text/html; charset=utf-8',
    // The address carries the authorization code: no caching, no referrer, nothing loaded from anywhere.
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    connection: 'close',
  });
  res.end(html);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
