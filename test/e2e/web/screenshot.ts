import type { Page, TestInfo } from '@playwright/test';

/** A screenshot of the page kept as the test's artifact: a file in its output folder, attached to its report. */
export async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}
