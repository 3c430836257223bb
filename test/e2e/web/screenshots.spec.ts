import { expect, test, type Page } from '@playwright/test';
import type { TicketDetail } from '../../../shared/domain/ticket-detail.ts';
import { startWebHostProcess, type WebHostProcess } from '../../support/web-host-process.ts';
import { screenshot } from './screenshot.ts';
import { selectWithKeys } from './select-with-keys.ts';

// Every screen of the demo workspace in the light and the dark theme, kept as this test's artifacts (the quarantine
// panel's are in quarantine-panel.spec.ts): the queue, a ticket with an internal note, the palette, the cheat sheet,
// and the offline banner.
let host: WebHostProcess;

test.beforeAll(async () => {
  host = await startWebHostProcess();
});
test.afterAll(async () => {
  await host?.stop();
});

/** The first of the All open view's tickets whose conversation has an internal note. */
async function ticketWithNote(page: Page): Promise<TicketDetail> {
  const found = await page.evaluate(async () => {
    const { tickets } = await window.triage!.listTickets({ view: 'all_open', offset: 0, limit: 80 });
    for (const ticket of tickets) {
      const detail = await window.triage!.getTicket({ accountId: ticket.accountId, sourceId: ticket.sourceId });
      if (detail && detail.conversation.some((entry) => entry.kind === 'note') && detail.sla.length > 0) return detail;
    }
    return null;
  });
  expect(found, 'a demo ticket with an internal note among the first 80').not.toBeNull();
  return found!;
}

for (const scheme of ['light', 'dark'] as const) {
  test(`queue, ticket, palette and cheat sheet (${scheme})`, async ({ page }, testInfo) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(host.url);
    await expect(page.locator('[data-testid="queue"] [role="row"][aria-selected="true"]')).toHaveCount(1);
    await expect(page.getByTestId('status-line')).toContainText('up to date');
    const detail = await ticketWithNote(page);
    await selectWithKeys(page, `${detail.accountId}:${detail.sourceId}`);
    // The demo's first sync marks every ticket as just changed for a few seconds: the queue as it then stays.
    await expect.poll(() => page.locator('[data-testid="queue"] .is-fresh').count(), { timeout: 20_000 }).toBeLessThan(3);
    await screenshot(page, testInfo, `queue-${scheme}`);

    await page.keyboard.press('Enter');
    await expect(page.locator('.conversation .message')).toHaveCount(detail.conversation.length);
    await screenshot(page, testInfo, `ticket-${scheme}`);

    await page.keyboard.press('Control+k');
    await page.keyboard.insertText('go');
    await expect(page.getByRole('dialog', { name: 'Command palette' })).toBeVisible();
    await screenshot(page, testInfo, `palette-${scheme}`);
    await page.keyboard.press('Escape');

    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    await screenshot(page, testInfo, `cheat-sheet-${scheme}`);
  });
}

for (const scheme of ['light', 'dark'] as const) {
  test(`the offline banner once the host is gone (${scheme})`, async ({ page }, testInfo) => {
    await page.emulateMedia({ colorScheme: scheme });
    const own = await startWebHostProcess();
    try {
      await page.goto(own.url);
      await expect(page.locator('[data-testid="queue"] [role="row"][aria-selected="true"]')).toHaveCount(1);
      own.process.kill('SIGTERM');
      await expect(page.getByTestId('host-gone')).toContainText('Offline: the Triage Desk host is not answering');
      await screenshot(page, testInfo, `offline-${scheme}`);
    } finally {
      await own.stop();
    }
  });
}
