import { expect, test, type Page } from '@playwright/test';
import { startGeneratedStoreHost, type WebHostProcess } from '../../support/web-host-process.ts';

// A queue far larger than one fetch: 20,000 tickets written straight into a store and served by the browser host with
// no account (`--config` listing none). The list covers the whole view and fetches pages around the screen, so the
// last row, j/k across page boundaries and a long search all work on rows the window did not hold at first.
const TICKETS = 20_000;
let host: WebHostProcess;

test.beforeAll(async () => {
  host = await startGeneratedStoreHost({ accountId: 'acme', tickets: TICKETS, now: new Date() });
});
test.afterAll(async () => {
  await host?.stop();
});

const selectedRow = (page: Page) => page.locator('[data-testid="queue"] [role="row"][aria-selected="true"]');

/** The ticket key on row `offset` of a view or search, as the core answers it. */
function keyOnRow(page: Page, source: { view: 'all_open' } | { query: string }, offset: number): Promise<string> {
  return page.evaluate(
    async ({ source, offset }) => {
      const answer = 'view' in source ? await window.triage!.listTickets({ view: source.view, offset, limit: 1 }) : await window.triage!.searchTickets({ query: source.query, offset, limit: 1 });
      const ticket = answer.tickets[0]!;
      return `${ticket.accountId}:${ticket.sourceId}`;
    },
    { source, offset },
  );
}

async function openQueue(page: Page): Promise<void> {
  await page.goto(host.url);
  await expect(page.locator('#queue-grid')).toHaveAttribute('data-rows', 'view:all_open');
  await expect(selectedRow(page)).toHaveCount(1);
}

test('the list covers the whole view: the last of 20,000 rows scrolls into view with its ticket', async ({ page }) => {
  expect(host.output()).toMatch(/running at http:\/\/127\.0\.0\.1:\d+ +\(the stored tickets, no account/);
  await openQueue(page);
  await expect(page.getByTestId('view-count')).toHaveText(String(TICKETS));
  await expect(page.locator('#queue-grid')).toHaveAttribute('aria-rowcount', String(TICKETS + 1));
  await expect(page.getByTestId('status-line')).toContainText('No accounts configured.');
  const last = await keyOnRow(page, { view: 'all_open' }, TICKETS - 1);
  await page.getByTestId('queue').evaluate((scroller) => scroller.scrollTo({ top: scroller.scrollHeight }));
  const lastRow = page.locator(`[data-testid="queue"] [role="row"][data-ticket="${last}"]`);
  await expect(lastRow).toBeVisible();
  await expect(lastRow).toHaveAttribute('aria-rowindex', String(TICKETS + 1));
  // Rows whose page had not arrived were placeholders of the same height; none is left once it has.
  await expect(page.locator('[data-testid="queue"] .is-placeholder')).toHaveCount(0);
});

test('j and k walk across page boundaries one row at a time, the selected row always on screen', async ({ page }) => {
  await openQueue(page);
  await page.locator('#queue-grid').focus();
  for (let step = 1; step <= 230; step++) await page.keyboard.press('j');
  await expect(selectedRow(page)).toHaveAttribute('data-ticket', await keyOnRow(page, { view: 'all_open' }, 230));
  await expect(selectedRow(page)).toHaveAttribute('aria-rowindex', String(230 + 2));
  await expect(selectedRow(page)).toBeInViewport();
  for (let step = 1; step <= 35; step++) await page.keyboard.press('k');
  await expect(selectedRow(page)).toHaveAttribute('data-ticket', await keyOnRow(page, { view: 'all_open' }, 195));
  await expect(selectedRow(page)).toBeInViewport();
  // Enter opens the ticket on that row, and Esc comes back to it.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('ticket-view')).toHaveAttribute('data-ticket', await keyOnRow(page, { view: 'all_open' }, 195));
  await page.keyboard.press('Escape');
  await expect(selectedRow(page)).toHaveAttribute('aria-rowindex', String(195 + 2));
  await expect(selectedRow(page)).toBeInViewport();
});

test('search results page the same way: the last of thousands is reachable', async ({ page }) => {
  await openQueue(page);
  await page.keyboard.press('/');
  await page.keyboard.insertText('webhook');
  await expect(page.locator('#queue-grid')).toHaveAttribute('data-rows', 'search:webhook');
  const total = await page.evaluate(async () => (await window.triage!.searchTickets({ query: 'webhook', limit: 1 })).total);
  expect(total).toBeGreaterThan(1000);
  await expect(page.getByTestId('search-count')).toHaveText(`${total} tickets`);
  const last = await keyOnRow(page, { query: 'webhook' }, total - 1);
  await page.getByTestId('queue').evaluate((scroller) => scroller.scrollTo({ top: scroller.scrollHeight }));
  await expect(page.locator(`[data-testid="queue"] [role="row"][data-ticket="${last}"]`)).toBeVisible();
  await expect(page.locator(`[data-testid="queue"] [role="row"][data-ticket="${last}"] .subject`)).toContainText('Webhook');
});
