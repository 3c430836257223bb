import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { STARTER_MACROS } from '../../../shared/macros/starter-macros.ts';
import { type HelpScoutSimulator, startHelpScoutSimulator } from '../../../main/simulators/helpscout/server.ts';
import { helpScoutToken } from '../../support/helpscout-conversations.ts';
import { startWebHostProcess, type WebHostProcess } from '../../support/web-host-process.ts';
import { selectWithKeys } from './select-with-keys.ts';
import { writeConfigFile } from '../../support/config-file.ts';

// Writes from the keyboard, in the browser host over a real Help Scout account (the simulator): a macro applied
// "and next", a reply composed and sent, a refused write edited, retried and discarded with its text back in the
// draft, a severity downgrade asking why, and a macro over picked tickets. What the helpdesk got is read back
// through its API.
let simulator: HelpScoutSimulator;
let host: WebHostProcess;
let configDir: string;
/** A conversation at Help Scout's 100-thread limit: a reply to it is refused with Help Scout's reason. */
let fullId: number;
/** A conversation tagged p2: its severity is P2, and lowering it is a dispute. */
let disputedId: number;

const REPLY_ROUTE = 'POST /v2/conversations/{id}/reply';
const NOTE_ROUTE = 'POST /v2/conversations/{id}/notes';
const TYPO_MACRO = { id: 'welcome-typo', title: 'Welcome aboard (typo)', body: 'Hi {{requester.firstname}},\n\nwelcome aboard. Your plan: {{customer.plan}}.', after: 'stay' };

test.beforeAll(async () => {
  simulator = await startHelpScoutSimulator({ seed: 9, organizations: 8, conversations: 12, rateLimitPerMinute: 100_000 });
  fullId = simulator.addConversation({ subject: 'Thread limit: webhook retries keep coming' }).id;
  for (let reply = 0; reply < 200; reply++) {
    try {
      simulator.addCustomerReply(fullId, `Retry ${reply} arrived again.`);
    } catch {
      break;
    }
  }
  disputedId = simulator.addConversation({ subject: 'Severity dispute: sandbox key returns 401', tags: ['p2'] }).id;
  configDir = mkdtempSync(join(tmpdir(), 'triage-writes-'));
  const config = writeConfigFile(configDir, {
    accounts: [{ id: 'hs', type: 'helpscout', baseUrl: simulator.url, auth: { type: 'clientCredentials', clientId: simulator.clientId, clientSecret: simulator.clientSecret } }],
    macros: [...STARTER_MACROS, TYPO_MACRO],
  });
  host = await startWebHostProcess(['--config', config]);
});
test.afterAll(async () => {
  await host?.stop();
  await simulator?.close();
  rmSync(configDir, { recursive: true, force: true });
});

const selectedRow = (page: Page) => page.locator('[data-testid="queue"] [role="row"][aria-selected="true"]');
const ticketView = (page: Page) => page.getByTestId('ticket-view');

async function openQueue(page: Page): Promise<void> {
  await page.goto(host.url);
  await expect(page.getByTestId('status-line')).toContainText('hs up to date');
  await expect(selectedRow(page)).toHaveCount(1);
}

async function openTicket(page: Page, sourceId: number | string): Promise<void> {
  await selectWithKeys(page, `hs:${sourceId}`);
  await page.keyboard.press('Enter');
  await expect(ticketView(page)).toHaveAttribute('data-ticket', `hs:${sourceId}`);
  await expect(ticketView(page).locator('.conversation')).toHaveAttribute('aria-busy', 'false');
}

interface HelpScoutThread {
  type: string;
  body?: string;
}

/** The conversation as Help Scout has it now: status, tags and threads (newest first). */
async function helpScoutConversation(id: number | string): Promise<{ status: string; tags: string[]; threads: HelpScoutThread[] }> {
  const token = await helpScoutToken(simulator.url, simulator);
  const get = async <T,>(path: string): Promise<T> => {
    const response = await fetch(`${simulator.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.ok, path).toBe(true);
    return (await response.json()) as T;
  };
  const conversation = await get<{ status: string; tags: { tag: string }[] }>(`/v2/conversations/${id}`);
  const threads = await get<{ _embedded?: { threads: HelpScoutThread[] } }>(`/v2/conversations/${id}/threads`);
  return { status: conversation.status, tags: conversation.tags.map((tag) => tag.tag), threads: threads._embedded?.threads ?? [] };
}

const repliesApplied = (): number => simulator.writes.applied[REPLY_ROUTE] ?? 0;

/** The agent's replies holding `text` (a reply is a "message" thread, or a "chat" one on a chat). */
const repliesWith = (threads: HelpScoutThread[], text: string): HelpScoutThread[] =>
  threads.filter((thread) => (thread.type === 'message' || thread.type === 'chat') && thread.body?.includes(text));

/** Tickets a test already wrote to: each test takes fresh ones. */
const used = new Set<string>();

/** The All open view's keys in order, as the core has them now. */
async function queueKeys(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const { tickets } = await window.triage!.listTickets({ view: 'all_open', offset: 0, limit: 500 });
    return tickets.map((ticket) => `${ticket.accountId}:${ticket.sourceId}`);
  });
}

/** The first ticket of the queue no test has written to yet (the full and the disputed ones are kept apart). */
async function freshTicket(page: Page, keys?: string[]): Promise<string> {
  const key = (keys ?? (await queueKeys(page))).find((candidate) => !used.has(candidate) && candidate !== `hs:${fullId}` && candidate !== `hs:${disputedId}`);
  expect(key, 'a ticket no test wrote to').toBeDefined();
  used.add(key!);
  return key!;
}

test('m, a quick slot, the preview, then apply and next: Help Scout has the reply and the field changes, and the next ticket is open', async ({ page }) => {
  await openQueue(page);
  const keys = await queueKeys(page);
  const first = await freshTicket(page, keys);
  const next = keys[keys.indexOf(first) + 1]!;
  const sourceId = first.slice('hs:'.length);
  const before = repliesApplied();
  await openTicket(page, sourceId);
  await expect(page.getByTestId('composer-bar').getByRole('button', { name: /Reply/ })).toBeEnabled();

  await page.keyboard.press('m');
  const picker = page.getByRole('dialog', { name: 'Apply a macro' });
  await expect(picker).toBeVisible();
  await page.keyboard.press('1');
  const preview = picker.getByTestId('macro-preview');
  await expect(preview.getByRole('region', { name: 'Reply to the customer' })).toContainText('Every request needs your API key in the X-Api-Key header');
  await expect(preview.locator('.macro-error')).toHaveCount(0);
  await expect(preview.locator('.field-change[data-field="status"] .field-to')).toHaveText('pending');
  await expect(preview.locator('.field-change[data-field="tags"]')).toContainText('+how-to');

  await page.keyboard.press('Shift+Enter');
  await expect(picker).toBeHidden();
  await expect(ticketView(page)).toHaveAttribute('data-ticket', next);

  await expect.poll(repliesApplied).toBe(before + 1);
  await expect
    .poll(async () => {
      const conversation = await helpScoutConversation(sourceId);
      return { status: conversation.status, tags: conversation.tags.filter((tag) => tag === 'how-to' || tag === 'auth').sort() };
    })
    .toEqual({ status: 'pending', tags: ['auth', 'how-to'] });
  const { threads } = await helpScoutConversation(sourceId);
  expect(repliesWith(threads, 'X-Api-Key header'), 'the macro reply on Help Scout').toHaveLength(1);
});

test('a reply composed with the keyboard is kept as a draft, shows pending once sent with Ctrl+Enter, then arrives on Help Scout once', async ({ page }) => {
  await openQueue(page);
  const sourceId = (await freshTicket(page)).slice('hs:'.length);
  await openTicket(page, sourceId);

  await page.keyboard.press('r');
  const composer = page.getByTestId('composer');
  await expect(composer).toHaveAttribute('data-mode', 'reply');
  await expect(page.locator('#composer-input')).toBeFocused();
  const text = `Please send the X-Request-Id of one failing call (${Date.now()}).`;
  await page.keyboard.type(text);
  await expect(composer.getByTestId('draft-state')).toHaveText('Draft saved');
  await page.screenshot({ path: 'test-results/screenshots/composer-reply-light.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/screenshots/composer-reply-dark.png' });
  await page.emulateMedia({ colorScheme: 'light' });

  // Esc leaves the composer; the draft comes back with the ticket, from the core.
  await page.keyboard.press('Escape');
  await expect(composer).toBeHidden();
  await expect(page.getByTestId('composer-bar')).toContainText('draft');
  await page.keyboard.press('Escape');
  await expect(ticketView(page)).toBeHidden();
  await page.reload();
  await expect(selectedRow(page)).toHaveCount(1);
  await openTicket(page, sourceId);
  await page.keyboard.press('r');
  await expect(page.locator('#composer-input')).toHaveValue(text);

  // The note composer looks apart from the reply's.
  await page.keyboard.press('Escape');
  await page.keyboard.press('n');
  await expect(composer).toHaveAttribute('data-mode', 'note');
  const background = (await composer.evaluate((element) => getComputedStyle(element).backgroundColor)) as string;
  await page.keyboard.type('Customer is on the sandbox key.');
  await page.screenshot({ path: 'test-results/screenshots/composer-note-light.png' });
  await page.keyboard.press('Escape');
  await page.keyboard.press('r');
  expect(await composer.evaluate((element) => getComputedStyle(element).backgroundColor)).not.toBe(background);

  // Slow answers keep the write waiting long enough to be seen.
  simulator.faults.delayMs = 1_500;
  const before = repliesApplied();
  await page.keyboard.press('Control+Enter');
  await expect(composer).toBeHidden();
  const write = ticketView(page).locator('.outbox-write', { hasText: text });
  await expect(write).toHaveAttribute('data-write-state', /^(pending|sending)$/);
  simulator.faults.delayMs = 0;
  await expect.poll(repliesApplied, { timeout: 30_000 }).toBe(before + 1);
  // Sent, then seen back in the synced conversation, where the pending entry gives way to the helpdesk's message.
  await expect(ticketView(page).locator('.message-agent:not(.outbox-write)', { hasText: text })).toBeVisible({ timeout: 30_000 });
  await expect(write).toHaveCount(0);
  expect(repliesApplied()).toBe(before + 1);
  // The draft went with the send.
  await page.keyboard.press('r');
  await expect(page.locator('#composer-input')).toHaveValue('');

  // Ctrl+Shift+Enter sends the note and opens the next ticket of the queue.
  await page.keyboard.press('Escape');
  const keys = await queueKeys(page);
  const next = keys[keys.indexOf(`hs:${sourceId}`) + 1]!;
  const notesBefore = simulator.writes.applied[NOTE_ROUTE] ?? 0;
  await page.keyboard.press('n');
  await expect(page.locator('#composer-input')).toHaveValue('Customer is on the sandbox key.');
  await page.keyboard.press('Control+Shift+Enter');
  await expect(ticketView(page)).toHaveAttribute('data-ticket', next);
  await expect.poll(() => simulator.writes.applied[NOTE_ROUTE] ?? 0).toBe(notesBefore + 1);
  const { threads } = await helpScoutConversation(sourceId);
  expect(threads.filter((thread) => thread.type === 'note' && thread.body?.includes('Customer is on the sandbox key.'))).toHaveLength(1);
});

test('a refused reply shows Help Scout\'s reason, is edited and retried from the keyboard, and discarding it puts its text back in the draft', async ({ page }) => {
  await openQueue(page);
  await openTicket(page, fullId);
  await page.keyboard.press('r');
  await page.keyboard.type('Could you send the request id?');
  await page.keyboard.press('Control+Enter');
  const write = ticketView(page).locator('.outbox-write');
  await expect(write).toHaveAttribute('data-write-state', 'failed');
  await expect(write.locator('.write-detail')).toContainText(`conversation ${fullId} has reached the limit of 100 threads`);
  await write.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screenshots/write-refused-light.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/screenshots/write-refused-dark.png' });
  await page.emulateMedia({ colorScheme: 'light' });

  // Back in the queue the row is marked and the status line counts it; `g r` opens its ticket from anywhere.
  await page.locator('#ticket-view').focus();
  await page.keyboard.press('Escape');
  await expect(page.locator(`[role="row"][data-ticket="hs:${fullId}"] [data-testid="row-unsent"]`)).toHaveAttribute('aria-label', /refused/);
  await expect(page.getByTestId('status-line').getByRole('button', { name: '1 write refused' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/queue-refused-write.png' });
  await page.keyboard.press('g');
  await page.keyboard.press('r');
  await expect(ticketView(page)).toHaveAttribute('data-ticket', `hs:${fullId}`);
  await expect(write).toHaveAttribute('data-write-state', 'failed');

  await page.locator('#ticket-view').focus();
  await page.keyboard.press('e');
  const input = page.locator('#composer-input');
  await expect(input).toHaveValue('Could you send the request id?');
  await expect(page.getByTestId('composer')).toContainText('Editing a refused reply');
  await page.keyboard.press('End');
  await page.keyboard.type(' Thanks!');
  await page.keyboard.press('Control+Enter');
  await expect(write).toContainText('Could you send the request id? Thanks!');
  await expect(write).toHaveAttribute('data-write-state', 'failed');

  await page.locator('#ticket-view').focus();
  await page.keyboard.press('d');
  await expect(write).toHaveCount(0);
  await expect(page.getByTestId('composer')).toHaveAttribute('data-mode', 'reply');
  await expect(input).toHaveValue('Could you send the request id? Thanks!');
  await expect(page.getByTestId('status-line')).not.toContainText('refused');
});

test('a lower severity asks for a one-line reason, sent as an internal note with the change; a higher one does not ask', async ({ page }) => {
  await openQueue(page);
  await openTicket(page, disputedId);
  await expect(page.getByTestId('ticket-severity')).toContainText('P2');
  await page.keyboard.press('4');
  const dialog = page.getByRole('dialog', { name: 'Reason for a lower severity' });
  await expect(dialog).toContainText(`Lower #${disputedId} to P4?`);
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('alert')).toContainText('Say in one line why');
  await page.keyboard.type('Only the sandbox key is affected; production calls succeed');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  const write = ticketView(page).locator('.outbox-write', { hasText: 'Only the sandbox key is affected' });
  await expect(write).toContainText('Internal note');
  await expect(write.locator('.field-change[data-field="severity"]')).toContainText('P2 → P4');

  await expect
    .poll(async () => {
      const conversation = await helpScoutConversation(disputedId);
      return {
        note: conversation.threads.some((thread) => thread.type === 'note' && thread.body?.includes('Only the sandbox key is affected')),
        severity: conversation.tags.filter((tag) => /^p[1-4]$/.test(tag)),
      };
    })
    .toEqual({ note: true, severity: ['p4'] });
  await expect(page.getByTestId('ticket-severity')).toContainText('P4', { timeout: 30_000 });

  await page.locator('#ticket-view').focus();
  await page.keyboard.press('1');
  await expect(dialog).toBeHidden();
  await expect(ticketView(page).locator('.outbox-write .field-change[data-field="severity"]', { hasText: 'P4 → P1' })).toBeVisible();
});

test('the preview shows a placeholder it cannot fill in place, and apply stays off', async ({ page }) => {
  await openQueue(page);
  await openTicket(page, disputedId);
  await page.keyboard.press('m');
  const picker = page.getByRole('dialog', { name: 'Apply a macro' });
  await page.keyboard.type('typo');
  const preview = picker.getByTestId('macro-preview');
  await expect(preview.locator('.macro-error').first()).toHaveText('{{requester.firstname}}');
  await expect(preview.locator('.macro-errors')).toContainText('unknown placeholder {{requester.firstname}} (did you mean {{requester.first_name}}?)');
  await expect(picker.getByTestId('macro-apply')).toBeDisabled();
  await page.screenshot({ path: 'test-results/screenshots/macro-preview-error-light.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/screenshots/macro-preview-error-dark.png' });
  const before = repliesApplied();
  await page.keyboard.press('Enter');
  await expect(picker).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(picker).toBeHidden();
  await expect(ticketView(page).locator('.outbox-write', { hasText: 'welcome aboard' })).toHaveCount(0);
  expect(repliesApplied()).toBe(before);
});

test('each macro is in the command palette, and choosing one opens the picker on its preview', async ({ page }) => {
  await openQueue(page);
  await openTicket(page, disputedId);
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await page.keyboard.type('Macro: rate limits');
  await expect(palette.locator('[data-action="macro.rate-limit-explained"]')).toHaveAttribute('data-selected', 'true');
  await page.keyboard.press('Enter');
  const picker = page.getByRole('dialog', { name: 'Apply a macro' });
  await expect(picker.locator('[data-macro="rate-limit-explained"]')).toHaveAttribute('data-selected', 'true');
  await expect(picker.getByTestId('macro-preview')).toContainText('The 429 "Rate limit exceeded" answers mean');
  await page.keyboard.press('Escape');
  await expect(picker).toBeHidden();
});

test('x picks tickets in the queue and m applies a macro to each of them, each reply written for its own customer', async ({ page }) => {
  await openQueue(page);
  const picked = [await freshTicket(page), await freshTicket(page)];
  for (const key of picked) {
    await selectWithKeys(page, key);
    await page.keyboard.press('x');
  }
  const marked = page.locator('[data-testid="queue"] [role="row"][data-picked="true"]');
  expect((await marked.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-ticket')!))).sort()).toEqual([...picked].sort());
  await expect(page.getByTestId('picked-tickets')).toContainText('2 tickets picked');

  const before = repliesApplied();
  await page.keyboard.press('m');
  const picker = page.getByRole('dialog', { name: 'Apply a macro' });
  await page.keyboard.press('4');
  await expect(picker.getByTestId('macro-bulk')).toContainText('Applies to 2 of 2 tickets');
  await page.keyboard.press('Enter');
  await expect(picker).toBeHidden();
  await expect(page.getByTestId('status-notice')).toContainText('Macro "Docs feedback: thanks" queued on 2 tickets');
  await expect(page.getByTestId('picked-tickets')).toBeHidden();
  await expect.poll(repliesApplied).toBe(before + 2);
  for (const key of picked) {
    const { threads } = await helpScoutConversation(key.slice('hs:'.length));
    expect(repliesWith(threads, 'Thank you for pointing this out in the docs'), key).toHaveLength(1);
  }
});
