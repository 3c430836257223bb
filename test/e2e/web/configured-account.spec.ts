import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type WebSocketRoute } from '@playwright/test';
import type { SyncStatus } from '../../../shared/domain/sync-status.ts';
import { startZendeskSimulator, type ZendeskSimulator } from '../../../main/simulators/zendesk/server.ts';
import { startWebHostProcess, type WebHostProcess } from '../../support/web-host-process.ts';
import { writeConfigFile } from '../../support/config-file.ts';

// `npm run web -- --config FILE`: the browser host over the command line's accounts instead of the demo.
let simulator: ZendeskSimulator;
let host: WebHostProcess;
let configDir: string;

test.beforeAll(async () => {
  simulator = await startZendeskSimulator({ seed: 21, organizations: 10, tickets: 30 });
  simulator.addTicket({ subject: 'Only in the configured account: X-Api-Key ignored behind our proxy', priority: 'urgent' });
  configDir = mkdtempSync(join(tmpdir(), 'triage-config-'));
  const config = writeConfigFile(configDir, { accounts: [{ id: 'acme-zd', type: 'zendesk', baseUrl: simulator.url, auth: { type: 'apiToken', email: simulator.credentials.email, token: 'env:ACME_ZD_TOKEN' } }] });
  host = await startWebHostProcess(['--config', config], { ACME_ZD_TOKEN: simulator.credentials.token });
});
test.afterAll(async () => {
  await host?.stop();
  await simulator?.close();
  rmSync(configDir, { recursive: true, force: true });
});

test('serves the configured account, not the demo', async ({ page }) => {
  expect(host.output()).toMatch(/running at http:\/\/127\.0\.0\.1:\d+ +\(1 account\(s\)/);
  await page.goto(host.url);
  await expect(page.locator('[data-testid="queue"] [role="row"]', { hasText: 'Only in the configured account' })).toBeVisible();
  await expect(page.getByTestId('status-line')).toContainText('acme-zd up to date');
  await expect(page.getByTestId('status-line')).not.toContainText('Demo workspace');
});

test('a sync that ends while the page has no connection shows up to date once it reconnects', async ({ page }) => {
  // A helpdesk of its own that answers slowly, so the page opens while the first sync runs.
  const slow = await startZendeskSimulator({ seed: 22, organizations: 5, tickets: 12 });
  slow.faults.delayMs = 250;
  const dataDir = mkdtempSync(join(tmpdir(), 'triage-config-'));
  const config = writeConfigFile(dataDir, { accounts: [{ id: 'slow-zd', type: 'zendesk', baseUrl: slow.url, auth: { type: 'apiToken', ...slow.credentials } }] });
  const slowHost = await startWebHostProcess(['--config', config], {}, dataDir);
  try {
    // The page's first socket reaches no host: the pushes of the sync's end are lost to it.
    let firstSocket: WebSocketRoute | null = null;
    await page.routeWebSocket(/\/__triage\/events$/, (socket) => {
      if (firstSocket === null) firstSocket = socket;
      else socket.connectToServer();
    });
    await page.goto(slowHost.url);
    const statusLine = page.getByTestId('status-line');
    await expect(statusLine).toContainText('slow-zd');
    await expect(statusLine).not.toContainText('up to date');
    await expect.poll(async () => (await hostSyncStatus(slowHost.url)).accounts[0]?.state, { timeout: 30_000 }).toBe('idle');
    await expect(statusLine).not.toContainText('up to date');

    firstSocket!.close();
    await expect(statusLine).toContainText('slow-zd up to date');
  } finally {
    await slowHost.stop();
    await slow.close();
  }
});

test('an answer about the sync that arrives after newer pushes does not put the status line back', async ({ page }) => {
  const slow = await startZendeskSimulator({ seed: 23, organizations: 5, tickets: 12 });
  slow.faults.delayMs = 250;
  const dataDir = mkdtempSync(join(tmpdir(), 'triage-config-'));
  const config = writeConfigFile(dataDir, { accounts: [{ id: 'slow-zd', type: 'zendesk', baseUrl: slow.url, auth: { type: 'apiToken', ...slow.credentials } }] });
  const slowHost = await startWebHostProcess(['--config', config], {}, dataDir);
  try {
    // The status is asked while the first sync runs, and its answer is held until the sync's end has been pushed.
    await page.route('**/__triage/api/getSyncStatus', async (route) => {
      const answer = await route.fetch();
      await expect.poll(async () => (await hostSyncStatus(slowHost.url)).accounts[0]?.state, { timeout: 30_000 }).toBe('idle');
      await new Promise((resolve) => setTimeout(resolve, 500));
      await route.fulfill({ response: answer });
    });
    await page.goto(slowHost.url);
    await expect(page.getByTestId('status-line')).toContainText('slow-zd up to date');
    // Every answer held above has arrived by now, and none of them put the line back to "syncing".
    await page.waitForTimeout(1_500);
    await expect(page.getByTestId('status-line')).toContainText('slow-zd up to date');
  } finally {
    await slowHost.stop();
    await slow.close();
  }
});

async function hostSyncStatus(url: string): Promise<SyncStatus> {
  const response = await fetch(`${url}/__triage/api/getSyncStatus`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  return ((await response.json()) as { value: SyncStatus }).value;
}
