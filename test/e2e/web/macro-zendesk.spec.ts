import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startZendeskSimulator, type ZendeskComment, type ZendeskSimulator, type ZendeskTicket } from '../../../main/simulators/zendesk/server.ts';
import { startWebHostProcess, type WebHostProcess } from '../../support/web-host-process.ts';
import { selectWithKeys } from './select-with-keys.ts';
import { writeConfigFile } from '../../support/config-file.ts';

// Keyboard only, in the browser host over a Zendesk account (the simulator): open a ticket, `m`, a macro by its quick
// slot, its preview, apply "and next". Zendesk has the reply and the field changes; the next ticket is open.
let simulator: ZendeskSimulator;
let host: WebHostProcess;
let configDir: string;

const UPDATE = 'PUT /api/v2/tickets/{id}.json';

test.beforeAll(async () => {
  simulator = await startZendeskSimulator({ seed: 33, organizations: 10, tickets: 24, activityIntervalMs: false });
  configDir = mkdtempSync(join(tmpdir(), 'triage-macro-zd-'));
  const config = writeConfigFile(configDir, { accounts: [{ id: 'zd', type: 'zendesk', baseUrl: simulator.url, auth: { type: 'apiToken', ...simulator.credentials }, planField: 'plan' }] });
  host = await startWebHostProcess(['--config', config]);
});
test.afterAll(async () => {
  await host?.stop();
  await simulator?.close();
  rmSync(configDir, { recursive: true, force: true });
});

async function zendesk<T>(path: string): Promise<T> {
  const basic = Buffer.from(`${simulator.credentials.email}/token:${simulator.credentials.token}`).toString('base64');
  const response = await fetch(`${simulator.url}/api/v2${path}`, { headers: { authorization: `Basic ${basic}` } });
  expect(response.ok, path).toBe(true);
  return (await response.json()) as T;
}

test('m, quick slot 1, the preview, Shift+Enter: Zendesk has the reply, the status and the tags, and the next ticket is open', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('status-line')).toContainText('zd up to date');
  const rows = await page.evaluate(async () =>
    (await window.triage!.listTickets({ view: 'all_open', offset: 0, limit: 500 })).tickets.map((ticket) => ({ key: `${ticket.accountId}:${ticket.sourceId}`, status: ticket.status })),
  );
  // A ticket the macro changes (not pending already) with a ticket after it.
  const at = rows.findIndex((row, index) => row.status !== 'pending' && index < rows.length - 1);
  const target = rows[at]!.key;
  const next = rows[at + 1]!.key;
  const id = Number(target.slice('zd:'.length));
  const updatesBefore = simulator.writes.applied[UPDATE] ?? 0;

  await selectWithKeys(page, target);
  await page.keyboard.press('Enter');
  const view = page.getByTestId('ticket-view');
  await expect(view).toHaveAttribute('data-ticket', target);
  await expect(view.locator('.conversation')).toHaveAttribute('aria-busy', 'false');

  await page.keyboard.press('m');
  const picker = page.getByRole('dialog', { name: 'Apply a macro' });
  await page.keyboard.press('1');
  const preview = picker.getByTestId('macro-preview');
  const reply = preview.getByRole('region', { name: 'Reply to the customer' });
  await expect(reply).toContainText('Every request needs your API key in the X-Api-Key header');
  await expect(reply.locator('.macro-value').first()).not.toBeEmpty();
  await expect(preview.locator('.macro-error')).toHaveCount(0);
  await expect(preview.locator('.field-change[data-field="status"] .field-to')).toHaveText('pending');
  await expect(preview.locator('.field-change[data-field="tags"]')).toContainText('+auth');
  await expect(preview.locator('.field-change[data-field="tags"]')).toContainText('+how-to');
  await page.screenshot({ path: 'test-results/screenshots/macro-preview-light.png' });

  await page.keyboard.press('Shift+Enter');
  await expect(picker).toBeHidden();
  await expect(view).toHaveAttribute('data-ticket', next);

  await expect.poll(() => simulator.writes.applied[UPDATE] ?? 0).toBe(updatesBefore + 1);
  const { ticket } = await zendesk<{ ticket: ZendeskTicket }>(`/tickets/${id}.json`);
  expect(ticket.status).toBe('pending');
  expect(ticket.tags).toEqual(expect.arrayContaining(['how-to', 'auth']));
  const { comments } = await zendesk<{ comments: ZendeskComment[] }>(`/tickets/${id}/comments.json`);
  const sent = comments.filter((comment) => comment.body.includes('X-Api-Key header'));
  expect(sent).toHaveLength(1);
  expect(sent[0]!.public).toBe(true);
});
