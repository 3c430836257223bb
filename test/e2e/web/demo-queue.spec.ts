import { expect, test, type Locator, type Page } from '@playwright/test';
import { startWebHostProcess, type WebHostProcess } from '../../support/web-host-process.ts';

// The browser host on the demo workspace, with the real core, simulator and connector behind it.
let host: WebHostProcess;

test.beforeAll(async () => {
  host = await startWebHostProcess();
});
test.afterAll(async () => {
  await host?.stop();
});

test('the queue shows the demo tickets and the status line says the demo is synced', async ({ page }) => {
  await page.goto(host.url);
  const rows = page.locator('[data-testid="queue"] [role="row"]');
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThan(10);
  const total = Number(await page.getByTestId('view-count').textContent());
  expect(total).toBeGreaterThan(100);
  // Every column a support engineer scans is filled from the synced data.
  const first = rows.first();
  await expect(first.locator('.subject')).not.toBeEmpty();
  await expect(first.locator('.customer')).not.toBeEmpty();
  await expect(first.locator('.severity')).toHaveText(/P[1-4]|—/);
  await expect(page.getByTestId('status-line')).toContainText('Demo workspace');
  await expect(page.getByTestId('status-line')).toContainText('up to date');
  await page.screenshot({ path: 'test-results/screenshots/demo-queue.png' });
});

/** Files a ticket in the demo's simulated Zendesk through its control route; returns its id. */
async function fileTicket(page: Page, ticket: { subject: string; priority: string }): Promise<string> {
  const status = await page.evaluate(() => window.triage!.getSyncStatus({}));
  const response = await fetch(`${status.accounts[0]!.baseUrl}/__control/tickets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ticket),
  });
  expect(response.status).toBe(201);
  return String(((await response.json()) as { ticket: { id: number } }).ticket.id);
}

/** Waits until the queue of `view` holds the ticket, scrolls it into the virtual list and returns its row. */
async function rowOf(page: Page, view: string, sourceId: string): Promise<Locator> {
  let index = -1;
  await expect
    .poll(async () => {
      index = await page.evaluate(
        async ([v, id]) => (await window.triage!.listTickets({ view: v as 'all_open', offset: 0, limit: 5000 })).tickets.findIndex((t) => t.sourceId === id),
        [view, sourceId] as const,
      );
      return index;
    })
    .toBeGreaterThanOrEqual(0);
  await page.getByTestId('queue').evaluate((scroller, top) => scroller.scrollTo(0, top), Math.max(0, index * 36 - 108));
  const row = page.locator(`[data-testid="queue"] [data-ticket="demo:${sourceId}"]`);
  await expect(row).toBeVisible();
  return row;
}

test('a ticket the simulator adds appears without a reload', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.locator('[data-testid="queue"] [role="row"]').first()).toBeVisible();
  const subject = `Urgent: every call to /userinfo-by-username/ returns 503 (${Date.now()})`;
  const id = await fileTicket(page, { subject, priority: 'urgent' });
  const row = await rowOf(page, 'all_open', id);
  await expect(row.locator('.subject')).toHaveText(subject);
  await expect(row.locator('.severity')).toHaveText('P1');
  await expect(row).toHaveClass(/is-fresh/);
  await page.screenshot({ path: 'test-results/screenshots/new-ticket-arrived.png' });
});

test("a new P1's countdown turns amber 30 minutes before due and red and negative after it, to the second", async ({ page }) => {
  await page.clock.install();
  await page.goto(host.url);
  await expect(page.locator('[data-testid="queue"] [role="row"]').first()).toBeVisible();
  const id = await fileTicket(page, { subject: `Checkout API down for every customer (${Date.now()})`, priority: 'urgent' });
  const row = await rowOf(page, 'all_open', id);
  const due = await page.evaluate(async (sourceId) => {
    const { tickets } = await window.triage!.listTickets({ view: 'all_open', offset: 0, limit: 5000 });
    return tickets.find((t) => t.sourceId === sourceId)!.due!;
  }, id);
  // An urgent ticket nobody answered: first response, one hour on the 24x7 calendar, at risk in its last 30 minutes.
  expect(due).toMatchObject({ metric: 'firstResponse', targetSeconds: 3600, riskWindowSeconds: 1800, pause: null });
  const cell = row.locator('.due');
  await expect(cell).toHaveAttribute('title', /^First response due /);

  // Pause half a second before a whole second, then run to it: the shared ticker fires on whole seconds.
  await page.clock.pauseAt((due.dueAt! - 1801) * 1000 - 500);
  await page.clock.runFor(500);
  await expect(cell).toHaveText('30m 01s');
  await expect(cell).toHaveAttribute('data-due-state', 'running');
  await page.clock.runFor(1000);
  await expect(cell).toHaveText('30m 00s');
  await expect(cell).toHaveAttribute('data-due-state', 'at_risk');
  await expect(cell).toHaveCSS('color', 'rgb(178, 94, 0)');

  await page.clock.pauseAt(due.dueAt! * 1000 - 500);
  await page.clock.runFor(500);
  await expect(cell).toHaveText('0s');
  await expect(cell).toHaveAttribute('data-due-state', 'at_risk');
  await page.clock.runFor(1000);
  await expect(cell).toHaveText('-1s');
  await expect(cell).toHaveAttribute('data-due-state', 'breached');
  await expect(cell).toHaveCSS('color', 'rgb(179, 38, 30)');
  await page.clock.pauseAt((due.dueAt! + 3600) * 1000 - 500);
  await page.clock.runFor(500);
  await expect(cell).toHaveText('-1h 00m');
  await page.screenshot({ path: 'test-results/screenshots/countdown-breached.png' });
});

test('a pending ticket shows why its clock is paused and does not count down', async ({ page }) => {
  await page.clock.install();
  await page.goto(host.url);
  await expect(page.locator('[data-testid="queue"] [role="row"]').first()).toBeVisible();
  const paused = await page.evaluate(async () => {
    const { tickets } = await window.triage!.listTickets({ view: 'all_open', offset: 0, limit: 5000 });
    return tickets.find((t) => t.status === 'pending' && t.due?.pause?.reasons.includes('pending'))!;
  });
  expect(paused).toBeDefined();
  const cell = (await rowOf(page, 'all_open', paused.sourceId)).locator('.due');
  await expect(cell).toHaveAttribute('data-due-state', 'paused');
  await expect(cell).toContainText('pending');
  await expect(cell).toHaveAttribute('title', /^Resolution paused \(.*pending.*\) since .*; resumes when the ticket changes; due unknown while paused$/);
  const before = await cell.textContent();
  await page.clock.runFor(5_000);
  await expect(cell).toHaveText(before!);
});

test('switching to a severity view shows only that severity', async ({ page }) => {
  await page.goto(host.url);
  await page.getByRole('button', { name: /^P2/ }).click();
  await expect(page.locator('#queue-grid')).toHaveAttribute('data-rows', 'view:p2');
  const severities = page.locator('[data-testid="queue"] [role="row"] .severity');
  await expect(severities.first()).toHaveText('P2');
  const texts = await severities.allTextContents();
  expect(new Set(texts)).toEqual(new Set(['P2']));
});

test('the host going away is shown, not an endless spinner', async ({ page }) => {
  const own = await startWebHostProcess();
  try {
    await page.goto(own.url);
    await expect(page.locator('[data-testid="queue"] [role="row"]').first()).toBeVisible();
    own.process.kill('SIGTERM');
    await expect(page.getByTestId('host-gone')).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/host-gone.png' });
  } finally {
    await own.stop();
  }
});

test('the page has no Node, and window.triage is frozen and holds only the contract', async ({ page }) => {
  await page.goto(host.url);
  const facts = await page.evaluate(() => ({
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process,
    frozen: Object.isFrozen(window.triage),
    keys: Object.keys(window.triage!).sort(),
  }));
  expect(facts).toEqual({
    require: 'undefined',
    process: 'undefined',
    frozen: true,
    keys: [
      'addAccount',
      'discardWrite',
      'editAccount',
      'finishZendeskSignIn',
      'getSyncStatus',
      'getTicket',
      'listAccounts',
      'listMacros',
      'listQuarantined',
      'listTickets',
      'onConnectionChanged',
      'onSyncStatusChanged',
      'onTicketsChanged',
      'queueWrite',
      'removeAccount',
      'reportWindowFocus',
      'retryWrite',
      'saveDraft',
      'searchTickets',
      'signInWithZendesk',
      'testConnection',
    ],
  });
});

test('follows the OS dark theme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(host.url);
  await expect(page.locator('[data-testid="queue"] [role="row"]').first()).toBeVisible();
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe('rgb(22, 24, 28)');
  await page.screenshot({ path: 'test-results/screenshots/demo-queue-dark.png' });
});
