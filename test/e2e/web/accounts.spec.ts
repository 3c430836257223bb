import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startZendeskSimulator, type ZendeskSimulator } from '../../../main/simulators/zendesk/server.ts';
import { startWebHostProcess, type WebHostProcess } from '../../support/web-host-process.ts';

// The accounts screen in the browser host, driven from the keyboard: add a Zendesk account that points at a simulator,
// test its connection (refused, then accepted), save it and see its tickets replace the demo, then edit and remove it.
let simulator: ZendeskSimulator;
let host: WebHostProcess;
const SUBJECT = 'Only in the added account: webhook signatures fail after key rotation';

test.beforeAll(async () => {
  simulator = await startZendeskSimulator({ seed: 31, organizations: 6, tickets: 12 });
  simulator.addTicket({ subject: SUBJECT, priority: 'urgent' });
  host = await startWebHostProcess();
});
test.afterAll(async () => {
  await host?.stop();
  await simulator?.close();
});

/** Presses keys one after another, each a key name or text to type. */
async function keys(page: Page, ...presses: string[]): Promise<void> {
  for (const press of presses) {
    if (/^(Tab|Shift\+Tab|Enter|Escape|ArrowRight|Control\+a|g|s)$/.test(press)) await page.keyboard.press(press);
    else await page.keyboard.type(press);
  }
}

test('adds, tests, edits and removes a Zendesk account from the keyboard', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('status-line')).toContainText('Demo workspace');
  await page.locator('#queue-grid').focus();

  // g s opens the accounts screen; with no account, focus is on "Add account".
  await keys(page, 'g', 's');
  const screen = page.getByRole('dialog', { name: 'Accounts' });
  await expect(screen).toBeVisible();
  await expect(screen).toContainText('No account yet');
  await expect(screen.getByRole('button', { name: 'Add account' })).toBeFocused();
  await expect(screen).toContainText('secrets you type are kept in memory until it stops');
  await keys(page, 'Enter');
  await expect(screen.getByRole('radio', { name: 'Zendesk' })).toBeFocused();

  // Name, site, (API token stays chosen), email, a wrong token first.
  await keys(page, 'Tab', 'acme-zd', 'Tab', simulator.url, 'Tab', 'Tab', simulator.credentials.email, 'Tab', 'not-the-token');
  await expect(screen.getByRole('textbox', { name: 'API token' })).toBeFocused();
  await keys(page, 'Tab', 'Tab');
  await expect(screen.getByRole('button', { name: 'Test connection' })).toBeFocused();
  await keys(page, 'Enter');
  const outcome = screen.getByTestId('account-outcome');
  await expect(outcome).toContainText('Zendesk did not accept the API token for agent@demo.test (it answered as an anonymous user)');
  await expect(screen.getByRole('textbox', { name: 'API token' })).toHaveAttribute('aria-invalid', 'true');

  // The right token: back two fields, replace it, test again.
  await keys(page, 'Shift+Tab', 'Shift+Tab', 'Control+a', simulator.credentials.token, 'Tab', 'Tab', 'Enter');
  await expect(outcome).toContainText(`Connected to ${new URL(simulator.url).host}: Zendesk accepted the API token of agent@demo.test.`);
  await page.screenshot({ path: 'test-results/screenshots/accounts-form-light.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/screenshots/accounts-form-dark.png' });
  await page.emulateMedia({ colorScheme: 'light' });

  // Save ("Add account"), and the list shows it syncing.
  await keys(page, 'Tab');
  await expect(screen.getByRole('button', { name: 'Add account' })).toBeFocused();
  await keys(page, 'Enter');
  const row = screen.locator('[data-account="acme-zd"]');
  await expect(row).toContainText('Zendesk');
  await expect(row).toContainText('API token: kept until the host stops');
  await expect(row.getByTestId('account-sync')).toHaveText('up to date');
  await page.screenshot({ path: 'test-results/screenshots/accounts-light.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/screenshots/accounts-dark.png' });
  await page.emulateMedia({ colorScheme: 'light' });

  // Its tickets replace the demo's, and the status line names it.
  await keys(page, 'Escape');
  await expect(screen).toBeHidden();
  await expect(page.locator('[data-testid="queue"] [role="row"]', { hasText: SUBJECT })).toBeVisible();
  await expect(page.getByTestId('status-line')).toContainText('acme-zd up to date');
  await expect(page.getByTestId('status-line')).not.toContainText('Demo workspace');

  // Nothing secret reaches the disk or the window.
  for (const file of readdirSync(host.dataDir).filter((name) => name.endsWith('.json'))) {
    expect(readFileSync(join(host.dataDir, file), 'utf8')).not.toContain(simulator.credentials.token);
  }
  expect(JSON.stringify(await page.evaluate(() => window.triage!.listAccounts({})))).not.toContain(simulator.credentials.token);

  // Edit from the status line: focus starts on the account's Edit; the token stays as it is, the plan field changes.
  await page.getByTestId('status-line').getByRole('button', { name: 'Accounts' }).focus();
  await keys(page, 'Enter');
  await expect(row.getByRole('button', { name: 'Edit' })).toBeFocused();
  await keys(page, 'Enter');
  await expect(screen.getByLabel('Subdomain or base URL')).toBeFocused();
  await expect(screen.getByLabel('Name')).toHaveValue('acme-zd');
  await expect(screen.getByRole('textbox', { name: 'API token' })).toHaveAttribute('placeholder', /^Set: kept until the host stops/);
  await screen.getByLabel('Plan field').focus();
  await keys(page, 'Control+a', 'customer_plan', 'Enter');
  await expect(row).toBeVisible();
  await expect.poll(async () => (await page.evaluate(() => window.triage!.listAccounts({}))).accounts[0]?.planField).toBe('customer_plan');
  await expect(row.getByTestId('account-sync')).toHaveText('up to date');

  // A name with a space and a base URL that is not one show one message each, and nothing is sent.
  await keys(page, 'Tab', 'Tab');
  await expect(screen.getByRole('button', { name: 'Add account' })).toBeFocused();
  await keys(page, 'Enter', 'Tab', 'acme zd', 'Tab', 'not a url', 'Enter');
  await expect(screen.getByLabel('Subdomain or base URL')).toHaveAttribute('aria-invalid', 'true');
  await expect(screen.locator('#account-zendeskSite-note')).toHaveText('"not a url" is not a base URL like https://acme.zendesk.com');
  await expect(screen.locator('#account-id-note')).toHaveText('use letters, digits, ".", "_" or "-" (at most 64)');
  await keys(page, 'Escape');

  // Remove, confirmed: the account and its tickets go, and the demo is back.
  await expect(row.getByRole('button', { name: 'Edit' })).toBeFocused();
  await keys(page, 'Tab', 'Enter');
  await expect(row).toContainText('Remove acme-zd? Its synced tickets leave this computer.');
  await expect(row.getByRole('button', { name: 'Remove', exact: true })).toBeFocused();
  await keys(page, 'Enter');
  await expect(row).toBeHidden();
  await expect(screen).toContainText('No account yet');
  await expect(screen.getByRole('button', { name: 'Add account' })).toBeFocused();
  await keys(page, 'Escape');
  await expect(page.getByTestId('status-line')).toContainText('Demo workspace');
  await expect(page.locator('[data-testid="queue"] [role="row"]', { hasText: SUBJECT })).toHaveCount(0);
});

test('signs in with Zendesk (OAuth) from the accounts screen: a denial, then the tokens kept by the host', async ({ page, context }) => {
  await page.goto(host.url);
  await page.locator('#queue-grid').focus();
  await keys(page, 'g', 's');
  const screen = page.getByRole('dialog', { name: 'Accounts' });
  await expect(screen.getByRole('button', { name: 'Add account' })).toBeFocused();
  await keys(page, 'Enter', 'Tab', 'acme-oauth', 'Tab', simulator.url, 'Tab');
  await expect(screen.getByRole('radio', { name: 'API token' })).toBeFocused();
  await keys(page, 'ArrowRight');
  await expect(screen.getByRole('radio', { name: 'OAuth (recommended)' })).toBeChecked();
  await keys(page, 'Tab', 'triage-desk', 'Tab');
  const signIn = screen.getByRole('button', { name: 'Sign in with Zendesk' });
  await expect(signIn).toBeFocused();

  // The browser host cannot open the system browser: the window opens Zendesk's page in a new tab.
  simulator.oauth.settings.denyAuthorization = true;
  const denied = context.waitForEvent('page');
  await keys(page, 'Enter');
  await (await denied).waitForLoadState();
  await expect(screen.locator('#account-signIn')).toHaveText(/access to Zendesk was denied in the browser \(access_denied\)/);

  simulator.oauth.settings.denyAuthorization = false;
  const allowed = context.waitForEvent('page');
  await keys(page, 'Enter');
  const tab = await allowed;
  await expect(tab.locator('body')).toContainText('You can close this tab and return to Triage Desk.');
  await tab.close();
  await expect(screen.locator('#account-signIn')).toHaveText('Signed in: save to keep it.');

  await screen.getByRole('button', { name: 'Test connection' }).focus();
  await keys(page, 'Enter');
  await expect(screen.getByTestId('account-outcome')).toContainText('Zendesk accepted the OAuth sign-in.');
  await keys(page, 'Tab', 'Enter');
  const row = screen.locator('[data-account="acme-oauth"]');
  await expect(row).toContainText('OAuth access token: kept until the host stops');
  await expect(row.getByTestId('account-sync')).toHaveText('up to date');
  await keys(page, 'Escape');
  await expect(page.locator('[data-testid="queue"] [role="row"]', { hasText: SUBJECT })).toBeVisible();

  await page.evaluate(() => window.triage!.removeAccount({ id: 'acme-oauth' }));
  await expect(page.getByTestId('status-line')).toContainText('Demo workspace');
});

test('the palette lists the accounts screen with its shortcut and opens it', async ({ page }) => {
  await page.goto(host.url);
  await page.locator('#queue-grid').focus();
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await page.keyboard.type('accounts');
  await expect(palette.locator('[data-action="sync.accounts"] .key-caps')).toHaveAttribute('aria-label', 'G then S');
  await expect(palette.locator('[data-action="sync.accounts"]')).toHaveAttribute('data-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Accounts' })).toBeVisible();
  await expect(page.getByRole('dialog', { name: 'Accounts' }).getByRole('button', { name: 'Add account' })).toBeFocused();
});
