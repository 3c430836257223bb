import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
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
