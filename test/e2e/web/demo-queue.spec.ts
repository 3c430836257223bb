import { expect, test } from '@playwright/test';
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

test('a ticket the simulator adds appears without a reload', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.locator('[data-testid="queue"] [role="row"]').first()).toBeVisible();
  const status = await page.evaluate(() => window.triage!.getSyncStatus({}));
  const simulatorUrl = status.accounts[0]!.baseUrl;
  const subject = `Urgent: every call to /userinfo-by-username/ returns 503 (${Date.now()})`;
  const response = await fetch(`${simulatorUrl}/__control/tickets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ subject, priority: 'urgent' }),
  });
  expect(response.status).toBe(201);
  // P1 sorts first, so the new ticket is on screen without scrolling.
  const row = page.locator('[data-testid="queue"] [role="row"]', { hasText: subject });
  await expect(row).toBeVisible();
  await expect(row.locator('.severity')).toHaveText('P1');
  await expect(row).toHaveClass(/is-fresh/);
  await page.screenshot({ path: 'test-results/screenshots/new-ticket-arrived.png' });
});

test('switching to a severity view shows only that severity', async ({ page }) => {
  await page.goto(host.url);
  await page.getByRole('button', { name: /^P2/ }).click();
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
    keys: ['getSyncStatus', 'getTicket', 'listTickets', 'onConnectionChanged', 'onSyncStatusChanged', 'onTicketsChanged'],
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
