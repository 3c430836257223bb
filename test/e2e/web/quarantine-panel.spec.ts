import { expect, test, type Page } from '@playwright/test';
import type { QuarantinedRecord } from '../../../main/core/sync/sync-page.ts';
import { startGeneratedStoreHost, type WebHostProcess } from '../../support/web-host-process.ts';
import { screenshot } from './screenshot.ts';

// Records a sync could not read, reached from the status line: a store holding three of them for an account whose
// helpdesk is not answering (a closed port on loopback), so the status line also shows a failing account.
const PWNED = 'window.__pwned=1';
const QUARANTINED: QuarantinedRecord[] = [
  {
    kind: 'ticket',
    sourceId: '9001',
    error: 'created_at: not a timestamp',
    raw: { id: 9001, subject: `<img src=x onerror=${PWNED}> Checkout 500`, created_at: 'yesterday' },
  },
  { kind: 'person', sourceId: '77', error: 'email: expected string, received null', raw: { id: 77, name: 'Ada Okafor', email: null } },
  { kind: 'organization', sourceId: 'org-x', error: 'name: required', raw: { id: 'org-x', notes: 'x'.repeat(3000) } },
];
let host: WebHostProcess;

test.beforeAll(async () => {
  host = await startGeneratedStoreHost({ accountId: 'acme', tickets: 300, now: new Date(), quarantined: QUARANTINED }, [
    { id: 'acme', type: 'zendesk', baseUrl: 'http://127.0.0.1:9', auth: { type: 'apiToken', email: 'agent@acme.test', token: 'unused' } },
  ]);
});
test.afterAll(async () => {
  await host?.stop();
});

const panel = (page: Page) => page.getByRole('dialog', { name: 'Quarantined records' });
const quarantineButton = (page: Page) => page.getByRole('button', { name: '3 records quarantined' });

async function openQueue(page: Page): Promise<void> {
  await page.goto(host.url);
  await expect(page.locator('#queue-grid')).toHaveAttribute('data-rows', 'view:all_open');
  await expect(quarantineButton(page)).toBeVisible();
}

test('the status line says what is wrong with the account: state, last sync, next poll, error', async ({ page }) => {
  await openQueue(page);
  const account = page.locator('.status-account[data-account="acme"]');
  // Five attempts with backoff before the sync gives up on the helpdesk.
  await expect(account).toContainText('unreachable', { timeout: 30_000 });
  await expect(account).toContainText('not synced yet');
  await expect(account).toContainText(/next poll in \d+ (s|min)/);
  await expect(account.locator('.status-detail')).toContainText('127.0.0.1:9');
});

test('the quarantined count is a button reached with Tab; the panel shows each reason and payload as text', async ({ page }) => {
  await openQueue(page);
  await page.locator('#queue-grid').focus();
  await page.keyboard.press('Tab');
  await expect(quarantineButton(page)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(panel(page)).toBeVisible();

  const records = panel(page).locator('.quarantine-record');
  await expect(records).toHaveCount(QUARANTINED.length);
  for (const record of QUARANTINED) {
    const item = panel(page).locator(`[data-record="${record.kind}:${record.sourceId}"]`);
    await expect(item.locator('.quarantine-reason')).toHaveText(record.error);
    await expect(item.locator('.quarantine-raw')).toContainText(JSON.stringify(record.raw).slice(0, 60));
  }
  // The payload's markup is text: no element made from it, nothing run.
  await expect(panel(page).locator('[data-record="ticket:9001"] .quarantine-raw')).toContainText(`<img src=x onerror=${PWNED}>`);
  await expect(panel(page).locator('img')).toHaveCount(0);
  expect(await page.evaluate(() => typeof (window as unknown as { __pwned?: unknown }).__pwned)).toBe('undefined');
  // A long payload is cut, and says by how much.
  await expect(panel(page).locator('[data-record="organization:org-x"] .quarantine-raw')).toContainText(/… \(\d+ more characters\)/);

  await page.keyboard.press('Escape');
  await expect(panel(page)).toHaveCount(0);
  await expect(quarantineButton(page)).toBeFocused();
});

test('the palette opens the same panel', async ({ page }) => {
  await openQueue(page);
  await page.locator('#queue-grid').focus();
  await page.keyboard.press('Control+k');
  await page.keyboard.insertText('quarantine');
  await page.keyboard.press('Enter');
  await expect(panel(page)).toBeVisible();
  await expect(panel(page).locator('.quarantine-record')).toHaveCount(QUARANTINED.length);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`screenshots of the failing account and the quarantine panel (${scheme})`, async ({ page }, testInfo) => {
    await page.emulateMedia({ colorScheme: scheme });
    await openQueue(page);
    await expect(page.locator('.status-account[data-account="acme"]')).toContainText('unreachable', { timeout: 30_000 });
    await screenshot(page, testInfo, `status-line-unreachable-${scheme}`);
    await quarantineButton(page).click();
    await expect(panel(page).locator('.quarantine-record')).toHaveCount(QUARANTINED.length);
    await screenshot(page, testInfo, `quarantine-panel-${scheme}`);
  });
}
