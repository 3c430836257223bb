import { expect, type Page } from '@playwright/test';

/**
 * Moves the queue's selection to a ticket with j and k only. The demo keeps re-sorting the queue, so each step
 * looks again at where the ticket and the selection are now.
 */
export async function selectWithKeys(page: Page, key: string): Promise<void> {
  const selected = page.locator('[data-testid="queue"] [role="row"][aria-selected="true"]');
  await page.locator('#queue-grid').focus();
  for (let step = 0; step < 1000 && (await selected.getAttribute('data-ticket')) !== key; step++) {
    const rows = await page.evaluate(async () => {
      const { tickets } = await window.triage!.listTickets({ view: 'all_open', offset: 0, limit: 5000 });
      return tickets.map((ticket) => `${ticket.accountId}:${ticket.sourceId}`);
    });
    expect(rows, `${key} in All open`).toContain(key);
    const distance = rows.indexOf(key) - rows.indexOf((await selected.getAttribute('data-ticket'))!);
    for (let move = 0; move < Math.abs(distance); move++) await page.keyboard.press(distance > 0 ? 'j' : 'k');
    // The page has not yet refreshed to the order the core answered: let the push arrive.
    if (distance === 0) await page.waitForTimeout(200);
  }
  await expect(selected).toHaveAttribute('data-ticket', key);
}
