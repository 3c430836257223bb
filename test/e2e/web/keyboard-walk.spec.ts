import { expect, test, type Page } from '@playwright/test';
import { startWebHostProcess, type WebHostProcess } from '../../support/web-host-process.ts';
import { selectWithKeys } from './select-with-keys.ts';

// The triage workspace driven from the keyboard alone, on the demo workspace with the real core behind it: once with
// Playwright's US keyboard and once with the key events an AZERTY (and a QWERTZ) keyboard sends.
let host: WebHostProcess;

test.beforeAll(async () => {
  host = await startWebHostProcess();
});
test.afterAll(async () => {
  await host?.stop();
});

/** How a test presses a shortcut: by the character it stands for, as the layout under test produces it. */
interface Keys {
  press(key: string): Promise<void>;
  ctrl(key: string): Promise<void>;
}

const usKeys = (page: Page): Keys => ({
  press: (key) => page.keyboard.press(key),
  ctrl: (key) => page.keyboard.press(`Control+${key}`),
});

/**
 * What a French AZERTY keyboard sends: `key` is the character, `code` the physical key (QWERTY names). Digits and
 * "/" and "?" need Shift there. An app that read `code` would see "q" for "a" and "m" for "?".
 */
const AZERTY: Record<string, { code: string; shift?: boolean }> = {
  g: { code: 'KeyG' },
  j: { code: 'KeyJ' },
  k: { code: 'KeyK' },
  o: { code: 'KeyO' },
  u: { code: 'KeyU' },
  b: { code: 'KeyB' },
  // AZERTY's "m" sits where QWERTY has ";".
  m: { code: 'Semicolon' },
  a: { code: 'KeyQ' },
  '1': { code: 'Digit1', shift: true },
  '2': { code: 'Digit2', shift: true },
  '/': { code: 'Period', shift: true },
  '?': { code: 'KeyM', shift: true },
  Enter: { code: 'Enter' },
  Escape: { code: 'Escape' },
  ArrowDown: { code: 'ArrowDown' },
  ArrowUp: { code: 'ArrowUp' },
};

/** QWERTZ (German): "/" is Shift+7 and "?" is Shift+ß; "z" and "y" trade places. */
const QWERTZ: Record<string, { code: string; shift?: boolean }> = {
  ...AZERTY,
  a: { code: 'KeyA' },
  '1': { code: 'Digit1' },
  '2': { code: 'Digit2' },
  '/': { code: 'Digit7', shift: true },
  '?': { code: 'Minus', shift: true },
};

/** Dispatches keydown/keyup on the focused element, as the browser does for a real key. */
function layoutKeys(page: Page, layout: Record<string, { code: string; shift?: boolean }>): Keys {
  const send = async (key: string, ctrlKey: boolean): Promise<void> => {
    const physical = layout[key];
    if (!physical) throw new Error(`no ${key} in the layout under test`);
    await page.evaluate(
      ({ key, code, shiftKey, ctrlKey }) => {
        const target = document.activeElement ?? document.body;
        const init = { key, code, shiftKey, ctrlKey, bubbles: true, cancelable: true, composed: true };
        target.dispatchEvent(new KeyboardEvent('keydown', init));
        target.dispatchEvent(new KeyboardEvent('keyup', init));
      },
      { key, code: physical.code, shiftKey: physical.shift ?? false, ctrlKey },
    );
  };
  return { press: (key) => send(key, false), ctrl: (key) => send(key, true) };
}

const rows = (page: Page) => page.locator('[data-testid="queue"] [role="row"]');
const selectedRow = (page: Page) => page.locator('[data-testid="queue"] [role="row"][aria-selected="true"]');
const rowAt = (page: Page, index: number) => page.locator(`[data-testid="queue"] [role="row"][aria-rowindex="${index + 2}"]`);

async function openQueue(page: Page): Promise<void> {
  await page.goto(host.url);
  await expect(rows(page).first()).toBeVisible();
  await expect(selectedRow(page)).toHaveCount(1);
}

async function expectView(page: Page, label: string, severity: string | null): Promise<void> {
  await expect(page.locator('.view-tab[aria-current="page"]')).toContainText(label);
  // The previous rows stay on screen until the view's first page has arrived.
  await expect(page.locator('#queue-grid')).toHaveAttribute('aria-busy', 'false');
  await expect(rows(page).first()).toBeVisible();
  if (severity !== null) expect(new Set(await rows(page).locator('.severity').allTextContents())).toEqual(new Set([severity]));
}

async function keyboardWalk(page: Page, keys: Keys, screenshots: string | null): Promise<void> {
  await openQueue(page);

  // g 1: the P1 view, first row selected and the grid holding focus.
  await keys.press('g');
  await expect(page.getByTestId('sequence-hint')).toContainText('P1');
  await keys.press('1');
  await expectView(page, 'P1', 'P1');
  await expect(page.getByTestId('sequence-hint')).toHaveCount(0);
  const firstKey = await rowAt(page, 0).getAttribute('data-ticket');
  await expect(selectedRow(page)).toHaveAttribute('data-ticket', firstKey!);

  // j j k: the selection moves down two rows and back up one.
  await page.locator('#queue-grid').focus();
  await keys.press('j');
  await keys.press('j');
  await expect(selectedRow(page)).toHaveAttribute('aria-rowindex', '4');
  await keys.press('k');
  await expect(selectedRow(page)).toHaveAttribute('aria-rowindex', '3');
  await keys.press('ArrowDown');
  await expect(selectedRow(page)).toHaveAttribute('aria-rowindex', '4');
  await keys.press('ArrowUp');
  const selectedKey = (await selectedRow(page).getAttribute('data-ticket'))!;
  const subject = (await selectedRow(page).locator('.subject').textContent())!;
  await expect(page.locator('#queue-grid')).toBeFocused();
  await expect(page.locator('#queue-grid')).toHaveAttribute('aria-activedescendant', /queue-row-/);
  if (screenshots) await page.screenshot({ path: `test-results/screenshots/${screenshots}-queue-selected.png` });

  // Enter opens the ticket; Esc comes back to the same row, with focus on the grid.
  await keys.press('Enter');
  const ticketView = page.getByTestId('ticket-view');
  await expect(ticketView).toBeVisible();
  await expect(ticketView).toHaveAttribute('data-ticket', selectedKey);
  await expect(page.locator('#ticket-subject')).toHaveText(subject);
  await expect(page.locator('#ticket-view')).toBeFocused();
  await keys.press('Escape');
  await expect(ticketView).toHaveCount(0);
  await expect(selectedRow(page)).toHaveAttribute('data-ticket', selectedKey);
  await expect(page.locator('#queue-grid')).toBeFocused();

  // o opens too; j in the ticket view opens the next ticket of the queue.
  await keys.press('o');
  await expect(ticketView).toHaveAttribute('data-ticket', selectedKey);
  await keys.press('j');
  await expect(ticketView).not.toHaveAttribute('data-ticket', selectedKey);
  await keys.press('k');
  await expect(ticketView).toHaveAttribute('data-ticket', selectedKey);
  await keys.press('Escape');
  await expect(selectedRow(page)).toHaveAttribute('data-ticket', selectedKey);

  // "/" focuses the search box; typing searches every ticket in the core; Esc goes back to the results, Esc again
  // clears the search and the view comes back.
  const word = subject.split(/\s+/).find((part) => /^[A-Za-z]{5,}$/.test(part)) ?? subject.slice(0, 6);
  await keys.press('/');
  await expect(page.locator('#ticket-search')).toBeFocused();
  await expect(page.locator('#ticket-search')).toHaveValue('');
  await page.keyboard.insertText(word);
  await expect(page.getByTestId('search-count')).toHaveText(/^\d+ tickets?$/);
  await expect(page.locator('.view-tab[aria-current="page"]')).toHaveCount(0);
  await expect(page.locator(`[data-testid="queue"] [data-ticket="${selectedKey}"]`)).toHaveCount(1);
  await expect(selectedRow(page)).toHaveAttribute('data-ticket', selectedKey);
  await keys.press('ArrowDown');
  await keys.press('Escape');
  await expect(page.locator('#queue-grid')).toBeFocused();
  await keys.press('Escape');
  await expect(page.locator('#ticket-search')).toHaveValue('');
  await expect(page.getByTestId('search-count')).toHaveCount(0);
  await expectView(page, 'P1', 'P1');

  // Ctrl+K: the palette lists actions with their shortcuts, matches fuzzily, and runs the chosen one.
  await keys.ctrl('k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await expect(palette).toBeVisible();
  await expect(palette.locator('[data-action="view.p2"]')).toContainText('Go to P2');
  await expect(palette.locator('[data-action="view.p2"] .key-caps')).toHaveAttribute('aria-label', 'G then 2');
  if (screenshots) await page.screenshot({ path: `test-results/screenshots/${screenshots}-palette.png` });
  await page.keyboard.insertText('gop2');
  await expect(palette.locator('[data-action="view.p2"]')).toHaveAttribute('data-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(palette).toHaveCount(0);
  await expectView(page, 'P2', 'P2');

  // ?: the cheat sheet lists every shortcut of the registry; Esc closes it.
  await keys.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  for (const [action, keysText] of [
    ['queue.next', 'J'],
    ['ticket.open', 'Enter'],
    ['view.p1', 'G then 1'],
    ['view.breaching_soon', 'G then B'],
    ['view.mine', 'G then M'],
    ['view.unassigned', 'G then U'],
    ['view.all_open', 'G then A'],
    ['search.focus', '/'],
    ['help.palette', 'Ctrl+K'],
    ['help.shortcuts', '?'],
  ] as const) {
    await expect(sheet.locator(`[data-action="${action}"] .key-caps`).first()).toHaveAttribute('aria-label', keysText);
  }
  if (screenshots) await page.screenshot({ path: `test-results/screenshots/${screenshots}-cheat-sheet.png` });
  await keys.press('Escape');
  await expect(sheet).toHaveCount(0);

  // g b, g m, g a: Breaching soon, Mine, back to All open.
  await keys.press('g');
  await keys.press('b');
  await expect(page.locator('.view-tab[aria-current="page"]')).toContainText('Breaching soon');
  await keys.press('g');
  await keys.press('m');
  await expect(page.locator('.view-tab[aria-current="page"]')).toContainText('Mine');
  await keys.press('g');
  await keys.press('a');
  await expectView(page, 'All open', null);
}

test('a keyboard-only walk: views, selection, ticket view, search, palette and cheat sheet', async ({ page }) => {
  await keyboardWalk(page, usKeys(page), 'keyboard');
});

test('the same walk with the key events of an AZERTY keyboard', async ({ page }) => {
  const keys = layoutKeys(page, AZERTY);
  await keyboardWalk(page, {
    ...keys,
    // Escape inside the modal dialogs must reach the browser's own dialog handling, which synthetic events do not.
    press: async (key) => ((await page.locator('dialog[open]').count()) > 0 && key === 'Escape' ? page.keyboard.press('Escape') : keys.press(key)),
  }, null);
});

test('QWERTZ: "/" (Shift+7) and "?" (Shift+ß) are read as the characters they type', async ({ page }) => {
  const keys = layoutKeys(page, QWERTZ);
  await openQueue(page);
  await keys.press('/');
  await expect(page.locator('#ticket-search')).toBeFocused();
  await keys.press('Escape');
  await expect(page.locator('#queue-grid')).toBeFocused();
  await keys.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
});

test('single-letter shortcuts do nothing while typing in the search box', async ({ page }) => {
  await openQueue(page);
  await page.keyboard.press('/');
  await page.keyboard.type('gj?');
  await expect(page.locator('#ticket-search')).toHaveValue('gj?');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await expect(page.locator('.view-tab[aria-current="page"]')).toContainText('All open');
});

test('a push that re-sorts the queue keeps the selected ticket selected, in place on screen, and says so', async ({ page }) => {
  await openQueue(page);
  // A ticket due more than two hours from now: a new urgent ticket (first response due in an hour) sorts above it.
  const target = await page.evaluate(async () => {
    const { tickets } = await window.triage!.listTickets({ view: 'all_open', offset: 0, limit: 5000 });
    const later = Date.now() / 1000 + 7200;
    const index = tickets.findIndex((t, i) => i >= 3 && t.due !== null && t.due.pause === null && t.due.dueAt !== null && t.due.dueAt > later);
    return { index, key: index < 0 ? null : `${tickets[index]!.accountId}:${tickets[index]!.sourceId}` };
  });
  expect(target.index).toBeGreaterThan(0);
  await selectWithKeys(page, target.key!);
  const before = (await selectedRow(page).boundingBox())!;

  const status = await page.evaluate(() => window.triage!.getSyncStatus({}));
  for (const n of [1, 2]) {
    const response = await fetch(`${status.accounts[0]!.baseUrl}/__control/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ subject: `Re-sort ${n}: 500s on /post-comments/ (${Date.now()})`, priority: 'urgent' }),
    });
    expect(response.status).toBe(201);
  }

  const notice = page.getByTestId('status-notice');
  await expect(notice).toHaveText(/^Queue re-sorted; your ticket moved to row \d+$/);
  await expect(selectedRow(page)).toHaveAttribute('data-ticket', target.key!);
  // The row the notice names is the selected ticket's row, and it did not move on screen.
  await expect
    .poll(async () => Number(/row (\d+)/.exec((await notice.textContent()) ?? '')?.[1]) === Number(await selectedRow(page).getAttribute('aria-rowindex')) - 1)
    .toBe(true);
  const after = (await selectedRow(page).boundingBox())!;
  const scroller = (await page.getByTestId('queue').boundingBox())!;
  expect(Math.abs(after.y - before.y)).toBeLessThanOrEqual(1);
  // Within a pixel: the scroller's height is fractional.
  expect(after.y).toBeGreaterThanOrEqual(scroller.y - 1);
  expect(after.y + after.height).toBeLessThanOrEqual(scroller.y + scroller.height + 1);
  await expect(page.locator('#queue-grid')).toBeFocused();
  await page.screenshot({ path: 'test-results/screenshots/queue-resorted.png' });
});
