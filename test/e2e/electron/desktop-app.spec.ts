import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, type ElectronApplication, expect, type Page, test } from '@playwright/test';

// The desktop shell itself, driven through Playwright's Electron support. It runs wherever an Electron binary is
// installed and says plainly that it skipped where none is (this file never imports 'electron', which would
// try to download one).
const root = join(import.meta.dirname, '../../..');

function electronBinary(): { path: string | null; looked: string } {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const pkg = join(root, 'node_modules/electron');
  const pathFile = join(pkg, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : process.platform === 'win32' ? 'electron.exe' : 'electron';
  const candidate = join(override ?? join(pkg, 'dist'), relative);
  return { path: existsSync(candidate) ? candidate : null, looked: candidate };
}

const binary = electronBinary();
if (!binary.path) {
  console.log(`SKIPPED the Electron suite: no Electron binary at ${binary.looked} (install one with "npm install" on a machine that can download it, or set ELECTRON_OVERRIDE_DIST_PATH)`);
}
test.skip(!binary.path, `no Electron binary at ${binary.looked}`);

let app: ElectronApplication;
let page: Page;
let userData: string;

test.beforeAll(async () => {
  userData = mkdtempSync(join(tmpdir(), 'triage-electron-'));
  app = await electron.launch({ executablePath: binary.path!, args: [root, `--user-data-dir=${userData}`], cwd: root });
  page = await app.firstWindow();
});
test.afterAll(async () => {
  await app?.close();
  rmSync(userData, { recursive: true, force: true });
});

test('opens on the demo workspace and shows its queue', async () => {
  await expect(page.locator('[data-testid="queue"] [role="row"]').first()).toBeVisible({ timeout: 30_000 });
  expect(page.url()).toBe('app://triage/index.html');
  await page.screenshot({ path: 'test-results/screenshots/electron-demo-queue.png' });
});

test('the page has no Node and window.triage is frozen', async () => {
  const facts = await page.evaluate(() => ({
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process,
    frozen: Object.isFrozen((window as unknown as { triage: object }).triage),
  }));
  expect(facts).toEqual({ require: 'undefined', process: 'undefined', frozen: true });
});

test('navigation away and new windows are refused', async () => {
  await page.evaluate(() => {
    window.location.href = 'https://evil.test/';
  });
  await page.evaluate(() => window.open('https://evil.test/popup'));
  await page.waitForTimeout(500);
  expect(page.url()).toBe('app://triage/index.html');
  expect(app.windows()).toHaveLength(1);
});
