import { build } from 'esbuild';
import { expect, test, type Page } from '@playwright/test';
import type { ConversationEntry, TicketDetail } from '../../../shared/domain/ticket-detail.ts';
import { startWebHostProcess, type WebHostProcess } from '../../support/web-host-process.ts';
import { HOSTILE_PAYLOADS, PWNED } from './hostile-payloads.ts';

declare global {
  interface Window {
    /** renderer/ticket/sanitize-customer-html.ts, bundled into the page by the first describe block. */
    __sanitizer?: {
      sanitizeCustomerHtml(html: string): { fragment: DocumentFragment; hiddenImages: number };
      showHiddenImages(container: ParentNode): void;
    };
  }
}

// Customer HTML is hostile. First the sanitizer alone, in Chromium (there is no jsdom here, and the browser that
// shows the HTML is the parser that matters), with no CSP to catch what it misses; then the whole app, where a
// ticket carries every payload in its conversation, subject, tags and replies. Either fails if a dialog opens, the
// canary window.__pwned appears, or a request leaves for another origin.

/** What the sanitizer may emit: the policy, written out again so the test does not just read the code back. */
const ALLOWED_TAGS = new Set([
  'a', 'abbr', 'b', 'blockquote', 'br', 'caption', 'cite', 'code', 'col', 'colgroup', 'dd', 'del', 'div', 'dl', 'dt',
  'em', 'figcaption', 'figure', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'mark', 'ol',
  'p', 'pre', 'q', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'tfoot',
  'th', 'thead', 'time', 'tr', 'u', 'ul',
]);
const PLAIN_ATTRIBUTES = new Set(['alt', 'title', 'colspan', 'rowspan', 'scope', 'start', 'datetime', 'dir']);

interface SanitizedReport {
  /** Whether the sanitizer handed back a DocumentFragment at all. */
  fragment: boolean;
  html: string;
  hiddenImages: number;
  elements: { tag: string; namespace: string | null; attributes: [string, string][] }[];
}

/** Every way the sanitizer's output could break the policy, in words; empty when it holds. */
function policyBreaches(report: SanitizedReport): string[] {
  const breaches: string[] = report.fragment ? [] : ['no DocumentFragment'];
  for (const { tag, namespace, attributes } of report.elements) {
    if (namespace !== 'http://www.w3.org/1999/xhtml') breaches.push(`<${tag}> in namespace ${namespace}`);
    if (!ALLOWED_TAGS.has(tag)) breaches.push(`<${tag}> is not allowed`);
    const attribute = new Map(attributes);
    for (const [name, value] of attributes) {
      if (PLAIN_ATTRIBUTES.has(name)) continue;
      if (tag === 'a' && name === 'href' && /^(https?:\/\/|mailto:)/.test(value)) continue;
      if (tag === 'a' && name === 'target' && value === '_blank') continue;
      if (tag === 'a' && name === 'rel' && value === 'noopener noreferrer') continue;
      if (tag === 'img' && name === 'data-src' && /^https?:\/\//.test(value)) continue;
      breaches.push(`<${tag} ${name}="${value}">`);
    }
    if (tag === 'a' && attribute.has('href') && (attribute.get('target') !== '_blank' || attribute.get('rel') !== 'noopener noreferrer')) {
      breaches.push('a link that does not open outside the app with noopener noreferrer');
    }
  }
  return breaches;
}

/** Records what hostile content must never cause: dialogs, requests to other origins, new windows, CSP reports. */
function watchForHarm(page: Page, appOrigin: string | null) {
  const harm: string[] = [];
  page.on('dialog', (dialog) => {
    harm.push(`dialog: ${dialog.type()} ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('request', (request) => {
    const url = request.url();
    if (appOrigin === null || !url.startsWith(`${appOrigin}/`)) harm.push(`request: ${url}`);
  });
  page.on('popup', (popup) => harm.push(`new window: ${popup.url()}`));
  return harm;
}

async function canary(page: Page): Promise<string> {
  return page.evaluate(() => typeof (window as unknown as { __pwned?: unknown }).__pwned);
}

/** Lets handlers that fire late (image errors, animations, focus) have their chance. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

test.describe('the sanitizer, in Chromium without a CSP to fall back on', () => {
  let sanitizerScript: string;
  test.beforeAll(async () => {
    const bundle = await build({
      entryPoints: ['renderer/ticket/sanitize-customer-html.ts'],
      bundle: true,
      write: false,
      format: 'iife',
      globalName: '__sanitizer',
      platform: 'browser',
      target: 'es2023',
      logLevel: 'warning',
    });
    sanitizerScript = bundle.outputFiles[0]!.text;
  });

  async function loadSanitizer(page: Page): Promise<void> {
    await page.goto('about:blank');
    await page.addScriptTag({ content: sanitizerScript });
  }

  /** Sanitizes in the page and leaves the result in the live document, where anything left would run or load. */
  async function sanitizeInPage(page: Page, html: string): Promise<SanitizedReport> {
    return page.evaluate((dirty) => {
      const { sanitizeCustomerHtml } = window.__sanitizer!;
      const { fragment, hiddenImages } = sanitizeCustomerHtml(dirty);
      const box = document.createElement('div');
      box.className = 'customer-html';
      const isFragment = fragment instanceof DocumentFragment;
      if (isFragment) box.append(fragment);
      document.body.append(box);
      return {
        fragment: isFragment,
        html: box.innerHTML,
        hiddenImages,
        elements: Array.from(box.querySelectorAll('*')).map((element) => ({
          tag: element.localName,
          namespace: element.namespaceURI,
          attributes: Array.from(element.attributes).map((attribute): [string, string] => [attribute.name, attribute.value]),
        })),
      };
    }, html);
  }

  test(`${HOSTILE_PAYLOADS.length} XSS, mXSS, CSS and clobbering payloads come out inert`, async ({ page }) => {
    expect(HOSTILE_PAYLOADS.length).toBeGreaterThanOrEqual(40);
    const harm = watchForHarm(page, null);
    await loadSanitizer(page);
    for (const payload of HOSTILE_PAYLOADS) {
      const report = await sanitizeInPage(page, payload.html);
      expect.soft(policyBreaches(report), `${payload.name}: ${report.html}`).toEqual([]);
    }
    await settle(page);
    expect(await canary(page)).toBe('undefined');
    expect(await page.evaluate(() => typeof (window as unknown as { triage?: unknown }).triage)).toBe('undefined');
    expect(harm).toEqual([]);
  });

  test('what a real message needs survives: formatting, code, lists, https and mailto links', async ({ page }) => {
    await loadSanitizer(page);
    const benign = HOSTILE_PAYLOADS.find((payload) => payload.name === 'benign formatting')!;
    const report = await sanitizeInPage(page, benign.html);
    expect(report.html).toBe(
      '<p>Calls to <code>/userinfo-by-username/</code> return <b>503</b>; see ' +
        '<a href="https://status.example.com/incidents/1" target="_blank" rel="noopener noreferrer">status</a> or ' +
        '<a href="mailto:ops@example.com" target="_blank" rel="noopener noreferrer">mail us</a>.</p><ul><li>one</li></ul>',
    );
  });

  test('remote images load only when the engineer asks, and only over http(s)', async ({ page }) => {
    const harm = watchForHarm(page, null);
    await loadSanitizer(page);
    const report = await sanitizeInPage(page, `<img src="https://evil.test/pixel.gif" alt="pixel"><img src="data:image/png;base64,iVBORw0KGgo=" alt="inline"><img src="file:///etc/hosts">`);
    expect(report.hiddenImages).toBe(1);
    expect(report.html).toBe('<img alt="pixel" data-src="https://evil.test/pixel.gif"><img alt="inline"><img>');
    await settle(page);
    expect(harm).toEqual([]);
    const asked = page.waitForRequest('https://evil.test/pixel.gif');
    await page.evaluate(() => {
      const { showHiddenImages } = window.__sanitizer!;
      showHiddenImages(document.body);
    });
    await asked;
  });
});

test.describe('the ticket view, with the real core and a ticket full of payloads', () => {
  let host: WebHostProcess;
  test.beforeAll(async () => {
    host = await startWebHostProcess();
  });
  test.afterAll(async () => {
    await host?.stop();
  });

  /** The demo's simulated Zendesk: its base URL, for the control routes. */
  async function simulatorUrl(page: Page): Promise<string> {
    const status = await page.evaluate(() => window.triage!.getSyncStatus({}));
    return status.accounts[0]!.baseUrl;
  }

  async function control(url: string, body: unknown): Promise<{ ticket: { id: number } }> {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(response.status).toBe(201);
    return (await response.json()) as { ticket: { id: number } };
  }

  const hostileSubject = (marker: string) => `<img src=x onerror=${PWNED}> Checkout API 503 <script>${PWNED}</script> ${marker}`;

  /** Files a ticket whose subject, description, tags and replies are payloads; returns its id. */
  async function fileHostileTicket(page: Page, marker: string): Promise<string> {
    const base = await simulatorUrl(page);
    const { ticket } = await control(`${base}/__control/tickets`, {
      subject: hostileSubject(marker),
      description: HOSTILE_PAYLOADS.slice(0, 10).map((payload) => payload.html).join('\n'),
      priority: 'urgent',
      tags: ['<svg/onload=window.__pwned=1>', '"><img src=x onerror=window.__pwned=1>', 'upstream'],
    });
    for (const payload of HOSTILE_PAYLOADS.slice(10, 20)) await control(`${base}/__control/tickets/${ticket.id}/replies`, { body: payload.html });
    return String(ticket.id);
  }

  /**
   * The helpdesk's HTML bodies reach getTicket as the core read them; the simulator's control routes only take plain
   * text (which it escapes), so every payload is added here as raw HTML, as a mail client's HTML body would arrive.
   */
  async function serveHostileConversation(page: Page): Promise<void> {
    const kinds: ConversationEntry['kind'][] = ['customer', 'agent', 'note', 'automated'];
    await page.route('**/__triage/api/getTicket', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { value: TicketDetail | null };
      if (body.value !== null) {
        const last = body.value.conversation.at(-1)?.at ?? body.value.createdAt;
        body.value.conversation.push(
          ...HOSTILE_PAYLOADS.map((payload, index): ConversationEntry => ({
            id: `hostile-${index}`,
            at: last,
            kind: kinds[index % kinds.length]!,
            author: { name: `<b onmouseover=${PWNED}>${payload.name}</b>`, email: 'attacker@evil.test' },
            html: payload.html,
          })),
        );
      }
      await route.fulfill({ response, json: body });
    });
  }

  async function openHostileTicket(page: Page): Promise<{ id: string; marker: string }> {
    await page.goto(host.url);
    await expect(page.locator('[data-testid="queue"] [role="row"]').first()).toBeVisible();
    const marker = `hostile-${Date.now()}`;
    const id = await fileHostileTicket(page, marker);
    const row = page.locator(`[data-testid="queue"] [data-ticket="demo:${id}"]`);
    await page.keyboard.press('/');
    await page.keyboard.insertText(marker);
    await expect(row).toBeVisible();
    // The subject is text in the queue, exactly as the customer typed it.
    await expect(row.locator('.subject')).toHaveText(hostileSubject(marker));
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('ticket-view')).toHaveAttribute('data-ticket', `demo:${id}`);
    // The description, ten replies and every payload.
    await expect.poll(() => page.locator('.conversation .message').count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(HOSTILE_PAYLOADS.length + 11);
    return { id, marker };
  }

  test.beforeEach(async ({ page }) => {
    // Loads the CSP blocked never reach page.on('request'): record them. Chromium also reports inline handlers,
    // inline styles and <base> as the sanitizer's inert parse meets them, which is no attempt to run or load, and
    // zod's probe for `new Function` ("eval"), so those reports are left out; the canary and the DOM checks below
    // cover what they would say.
    await page.addInitScript(() => {
      const blockedLoads: string[] = [];
      (window as unknown as { __blockedLoads: string[] }).__blockedLoads = blockedLoads;
      document.addEventListener('securitypolicyviolation', (event) => {
        if (['inline', 'eval'].includes(event.blockedURI) || event.effectiveDirective === 'base-uri') return;
        blockedLoads.push(`${event.effectiveDirective} ${event.blockedURI}`);
      });
    });
  });

  test('nothing runs, loads or escapes its box', async ({ page }) => {
    const harm = watchForHarm(page, new URL(host.url).origin);
    await serveHostileConversation(page);
    const { marker } = await openHostileTicket(page);

    // Text fields stay text.
    await expect(page.locator('#ticket-subject')).toHaveText(hostileSubject(marker));
    await expect(page.locator('.properties .tag', { hasText: '<svg/onload=window.__pwned=1>' })).toHaveCount(1);
    // The customer's replies came through the real sync as escaped text.
    await expect(page.locator('.message-customer .customer-html', { hasText: '<marquee onstart=' }).first()).toBeVisible();

    await page.mouse.move(400, 300);
    await page.mouse.move(700, 500);
    await settle(page);
    expect(await canary(page)).toBe('undefined');
    expect(harm).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __blockedLoads: string[] }).__blockedLoads)).toEqual([]);

    const facts = await page.evaluate(() => {
      const boxes = Array.from(document.querySelectorAll('.customer-html'));
      return {
        forbidden: boxes.flatMap((box) =>
          Array.from(box.querySelectorAll('script, style, link, meta, base, iframe, frame, object, embed, form, input, button, select, textarea, svg, math, template, noscript, video, audio, source, picture')).map(
            (element) => element.outerHTML,
          ),
        ),
        withHandlersOrStyle: boxes.flatMap((box) =>
          Array.from(box.querySelectorAll('*'))
            .filter((element) => Array.from(element.attributes).some((attribute) => /^on|^style$|^id$|^name$|^src$/.test(attribute.name)))
            .map((element) => element.outerHTML),
        ),
        contained: boxes.every((box) => getComputedStyle(box).contain.includes('paint') || getComputedStyle(box).contain === 'content'),
        // The fixed overlay payload must not cover the app's own chrome.
        topLeftIsTopBar: document.elementFromPoint(5, 5)?.closest('.topbar') !== null,
        triageIntact: typeof window.triage?.getTicket === 'function',
        queueGridIds: document.querySelectorAll('#queue-grid').length,
      };
    });
    expect(facts).toEqual({ forbidden: [], withHandlersOrStyle: [], contained: true, topLeftIsTopBar: true, triageIntact: true, queueGridIds: 0 });

    // The raw-HTML payloads follow the description and the ten replies.
    await page.locator('.conversation .message').nth(11).evaluate((message) => message.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: 'test-results/screenshots/ticket-hostile-light.png' });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: 'test-results/screenshots/ticket-hostile-dark.png' });

    // Back in the queue, with the same ticket selected and nothing having run meanwhile.
    await page.keyboard.press('Escape');
    await expect(page.locator('[data-testid="queue"] [aria-selected="true"] .subject')).toHaveText(hostileSubject(marker));
    expect(await canary(page)).toBe('undefined');
    expect(harm).toEqual([]);
  });

  test('a remote image waits for "Show 1 image" and gets its https address only then', async ({ page }) => {
    await serveHostileConversation(page);
    await openHostileTicket(page);
    const pixel = page.locator('.message', { hasText: '>tracking pixel</b>' });
    await expect(pixel.locator('img')).toHaveAttribute('data-src', 'https://evil.test/pixel.gif');
    await expect(page.locator('.conversation img[src]')).toHaveCount(0);
    await pixel.getByRole('button', { name: 'Show 1 image' }).click();
    await expect(pixel.locator('img')).toHaveAttribute('src', 'https://evil.test/pixel.gif');
    await expect(pixel.getByRole('button', { name: 'Show 1 image' })).toHaveCount(0);
  });
});
