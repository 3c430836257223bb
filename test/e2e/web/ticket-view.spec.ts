import { expect, test, type Page } from '@playwright/test';
import type { TicketDetail } from '../../../shared/domain/ticket-detail.ts';
import { startWebHostProcess, type WebHostProcess } from '../../support/web-host-process.ts';
import { selectWithKeys } from './select-with-keys.ts';

// The ticket view on the demo workspace, with the real core: what it shows, that it does not shift as the detail
// arrives, that its SLA ticks with the shared clock, and that a remote image loads only when asked for.
let host: WebHostProcess;

test.beforeAll(async () => {
  host = await startWebHostProcess();
});
test.afterAll(async () => {
  await host?.stop();
});

const selectedRow = (page: Page) => page.locator('[data-testid="queue"] [role="row"][aria-selected="true"]');

/** The first of the All open view's tickets whose conversation has an internal note. */
async function ticketWithNote(page: Page): Promise<{ detail: TicketDetail }> {
  const found = await page.evaluate(async () => {
    const { tickets } = await window.triage!.listTickets({ view: 'all_open', offset: 0, limit: 80 });
    for (const ticket of tickets) {
      const detail = await window.triage!.getTicket({ accountId: ticket.accountId, sourceId: ticket.sourceId });
      if (detail && detail.conversation.some((entry) => entry.kind === 'note') && detail.sla.length > 0) return { detail };
    }
    return null;
  });
  expect(found, 'a demo ticket with an internal note among the first 80').not.toBeNull();
  return found!;
}

async function openQueue(page: Page): Promise<void> {
  await page.goto(host.url);
  await expect(page.locator('[data-testid="queue"] [role="row"]').first()).toBeVisible();
  await expect(selectedRow(page)).toHaveCount(1);
}

/** Selects the row with the keyboard and opens it. */
async function openRow(page: Page, key: string): Promise<void> {
  await selectWithKeys(page, key);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('ticket-view')).toHaveAttribute('data-ticket', key);
}

test('the ticket view shows the conversation in order, notes apart, every SLA metric, the severity history and a safe helpdesk link', async ({ page }) => {
  await openQueue(page);
  const { detail } = await ticketWithNote(page);
  await openRow(page, `${detail.accountId}:${detail.sourceId}`);

  const messages = page.locator('.conversation .message');
  await expect(messages).toHaveCount(detail.conversation.length);
  expect(await messages.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-kind')))).toEqual(detail.conversation.map((entry) => entry.kind));
  const note = page.locator('.message-note').first();
  await expect(note.locator('.message-kind')).toHaveText('Internal note');
  const background = (selector: string) => page.locator(selector).first().evaluate((element) => getComputedStyle(element).backgroundColor);
  expect(await background('.message-note')).not.toBe(await background('.message-customer'));

  await expect(page.locator('#ticket-subject')).toHaveText(detail.subject);
  await expect(page.locator('.properties')).toContainText(detail.requester?.name ?? 'Unknown');
  await expect(page.locator('.properties')).toContainText(detail.status);
  for (const tag of detail.tags) await expect(page.locator('.properties .tag', { hasText: tag }).first()).toBeVisible();

  const metrics = page.locator('[data-testid="sla-metrics"] .sla-metric');
  await expect(metrics).toHaveCount(detail.sla.length);
  for (const metric of detail.sla) {
    const row = page.locator(`.sla-metric[data-metric="${metric.metric}"]`);
    if (metric.stoppedAt !== null) {
      await expect(row).toHaveAttribute('data-sla-state', metric.dueAt !== null && metric.stoppedAt <= metric.dueAt ? 'achieved' : 'missed');
    } else await expect(row).toHaveAttribute('data-sla-state', /running|at_risk|breached|paused/);
  }
  if (detail.severityHistory.length > 0) await expect(page.locator('[data-testid="severity-history"] li')).toHaveCount(detail.severityHistory.length);

  const link = page.getByRole('link', { name: 'Open in helpdesk ↗' });
  if (detail.url !== null && /^https?:/.test(detail.url)) {
    await expect(link).toHaveAttribute('href', new URL(detail.url).href);
    await expect(link).toHaveAttribute('target', '_blank');
    await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  } else await expect(link).toHaveCount(0);
});

test('the header and the details do not move when the conversation arrives', async ({ page }) => {
  await openQueue(page);
  const { detail } = await ticketWithNote(page);
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/__triage/api/getTicket', async (route) => {
    await held;
    await route.continue();
  });
  await openRow(page, `${detail.accountId}:${detail.sourceId}`);
  await expect(page.locator('.conversation')).toHaveAttribute('aria-busy', 'true');
  const boxes = () => Promise.all(['#ticket-subject', '.back-button', '.properties', '.conversation'].map((selector) => page.locator(selector).boundingBox()));
  const before = await boxes();
  release();
  await expect(page.locator('.conversation .message:not(.placeholder)')).toHaveCount(detail.conversation.length);
  expect(await boxes()).toEqual(before);
});

test('SLA countdowns in the ticket view tick with the shared clock', async ({ page }) => {
  await page.clock.install();
  await openQueue(page);
  const { detail } = await ticketWithNote(page);
  const running = detail.sla.find((metric) => metric.stoppedAt === null && metric.pause === null && metric.dueAt !== null);
  test.skip(running === undefined, 'the demo ticket has no running metric');
  await openRow(page, `${detail.accountId}:${detail.sourceId}`);
  const state = page.locator(`.sla-metric[data-metric="${running!.metric}"] .sla-state`);
  const first = await state.textContent();
  await page.clock.runFor(3 * 3600 * 1000);
  await expect(state).not.toHaveText(first!);
});

/** A 1x1 PNG: what the routed image host answers. */
const PIXEL_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');
const REMOTE_IMAGE = 'https://images.example.test/checkout-500.png';

test('a remote image is requested only once the engineer asks for it, from the keyboard', async ({ page }) => {
  // The image host is routed to a local answer, so the test sees every attempt and needs no network.
  const imageRequests: string[] = [];
  await page.route('https://images.example.test/**', async (route) => {
    imageRequests.push(route.request().url());
    await route.fulfill({ status: 200, contentType: 'image/png', body: PIXEL_PNG });
  });
  // The customer's reply with a screenshot, added to the ticket as the helpdesk would send it.
  await page.route('**/__triage/api/getTicket', async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { value: TicketDetail | null };
    body.value?.conversation.push({
      id: 'with-image',
      at: body.value.conversation.at(-1)?.at ?? body.value.createdAt,
      kind: 'customer',
      author: { name: 'Customer with a screenshot', email: 'customer@example.test' },
      html: `<p>Here is what checkout shows:</p><img src="${REMOTE_IMAGE}" alt="the checkout error page" width="1" height="1">`,
    });
    await route.fulfill({ response, json: body });
  });
  await openQueue(page);
  const { detail } = await ticketWithNote(page);
  await openRow(page, `${detail.accountId}:${detail.sourceId}`);
  const message = page.locator('.message', { hasText: 'Here is what checkout shows:' });
  await expect(message.locator('img')).toHaveAttribute('data-src', REMOTE_IMAGE);
  await expect(message.locator('img')).not.toHaveAttribute('src');
  // Long enough for any eager load to have gone out.
  await page.waitForTimeout(500);
  expect(imageRequests).toEqual([]);

  const show = message.getByRole('button', { name: 'Show 1 image' });
  await show.focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => imageRequests).toEqual([REMOTE_IMAGE]);
  await expect.poll(() => message.locator('img').evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBe(1);
  await expect(show).toHaveCount(0);
});
