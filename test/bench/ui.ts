// Bench rows ui.*: the window over 100,000 tickets. They are written straight into a store (generated, with dues),
// the browser host serves it with no account (`npm run web -- --config FILE` listing none), and Chromium drives the
// built renderer while probes in the page (ui-page-probes.ts) time each outcome to the end of the frame showing it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type CDPSession, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, SYSTEM_CHROMIUM } from '../support/chromium.ts';
import { startGeneratedStoreHost } from '../support/web-host-process.ts';
import type { BenchRow } from './bench-row.ts';
import { PROBES_GLOBAL, type ProbeTiming, type ProbeUntil } from './ui-probe-api.ts';

const TICKETS = 100_000;
const VIEW_KEYS = ['1', '2', '3', '4', 'b', 'm', 'u', 'a'] as const;
const VIEW_OF_KEY: Record<(typeof VIEW_KEYS)[number], string> = { '1': 'p1', '2': 'p2', '3': 'p3', '4': 'p4', b: 'breaching_soon', m: 'mine', u: 'unassigned', a: 'all_open' };
const SEARCHES = ['webhook', 'okafor', 'timeout', 'invalid_grant', 'proxy', 'pagination'] as const;
const ROW = '[role="row"][data-ticket]';

// Page code is passed as text: this file is type-checked without the DOM (the probes' own file has it).
const probesIn = (page: Page, call: string): Promise<unknown> => page.evaluate(`window.${PROBES_GLOBAL}.${call}`);
const SCROLLER = `document.querySelector('[data-testid="queue"]')`;

/** Presses `key` and times it until `until` is on screen. */
async function timeKey(page: Page, key: string, until: ProbeUntil): Promise<ProbeTiming> {
  await probesIn(page, `arm(${JSON.stringify(key)}, ${JSON.stringify(until)})`);
  await page.keyboard.press(key);
  return (await probesIn(page, 'result()')) as ProbeTiming;
}

const rowsOf = (source: string): ProbeUntil => ({ kind: 'selector', selector: `#queue-grid[data-rows=${JSON.stringify(source)}] ${ROW}` });

function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
}
const median = (values: readonly number[]): number => percentile(values, 0.5);
const round = (value: number): number => Math.round(value * 10) / 10;

export async function benchUi(): Promise<BenchRow[]> {
  if (!existsSync(fileURLToPath(new URL('../../dist/renderer/index.html', import.meta.url)))) {
    throw new Error('ui bench: the renderer is not built; run "npm run build" first');
  }
  const probes = await build({
    entryPoints: [fileURLToPath(new URL('ui-page-probes.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2022',
  });
  const generated = performance.now();
  const host = await startGeneratedStoreHost({ accountId: 'bench', tickets: TICKETS, now: new Date() });
  console.log(`ui bench: ${TICKETS} tickets generated and served in ${Math.round((performance.now() - generated) / 1000)} s`);
  const browser = await chromium.launch({ executablePath: SYSTEM_CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1360, height: 820 } });
    await page.addInitScript({ content: probes.outputFiles[0]!.text });

    // Navigation to first rows painted: five loads (the host sends no-store, so each fetches the app again).
    const firstRows: number[] = [];
    for (let load = 0; load < 5; load++) {
      await page.goto(host.url);
      firstRows.push((await probesIn(page, 'firstRowsMs()')) as number);
    }
    await page.locator('#queue-grid').focus();

    // j/k: 300 rows down (three page boundaries), 60 back up.
    const steps: ProbeTiming[] = [];
    for (let step = 0; step < 300; step++) steps.push(await timeKey(page, 'j', { kind: 'next-row' }));
    for (let step = 0; step < 60; step++) steps.push(await timeKey(page, 'k', { kind: 'next-row' }));

    // View switches: g then the view's key, twice round every view, to its rows on screen.
    const switches: number[] = [];
    for (let round = 0; round < 2; round++) {
      for (const key of VIEW_KEYS) {
        await page.keyboard.press('g');
        switches.push((await timeKey(page, key, rowsOf(`view:${VIEW_OF_KEY[key]}`))).rawMs);
      }
    }

    // Search: the last keystroke of each query to its results on screen (the box holds the rest of the word).
    const searches: number[] = [];
    for (const query of SEARCHES) {
      await page.keyboard.press('/');
      await page.keyboard.type(query.slice(0, -1));
      await page.locator(`#queue-grid[data-rows=${JSON.stringify(`search:${query.slice(0, -1)}`)}]`).waitFor();
      searches.push((await timeKey(page, query.at(-1)!, rowsOf(`search:${query}`))).rawMs);
      // Out of the box, so the next "/" selects the query to type over.
      await page.keyboard.press('Escape');
    }
    await page.keyboard.press('Escape');
    await page.locator('#queue-grid[data-rows="view:all_open"]').waitFor();

    const cdp = await page.context().newCDPSession(page);
    const tickScriptMs = await scriptPerTick(cdp);
    const heapMb = await heapAfterScrolling(page, cdp);

    const jkWork = percentile(steps.map((step) => step.workMs), 0.95);
    const firstRowsMs = median(firstRows);
    const switchMs = median(switches);
    const searchMs = median(searches);
    console.log(
      `ui bench: first rows ${firstRows.map(Math.round).join(' ')} ms; j/k p95 ${round(percentile(steps.map((step) => step.rawMs), 0.95))} ms ` +
        `with any wait for the next frame; view switches max ${Math.round(Math.max(...switches))} ms; searches ${searches.map(Math.round).join(' ')} ms`,
    );
    return [
      { name: 'ui.first_rows_ms', value: Math.round(firstRowsMs), unit: 'ms', budget: '<= 800', ok: firstRowsMs <= 800 },
      { name: 'ui.jk_p95_ms', value: round(jkWork), unit: 'ms', budget: '<= 16', ok: jkWork <= 16 },
      { name: 'ui.view_switch_ms', value: round(switchMs), unit: 'ms', budget: '<= 50', ok: switchMs <= 50 },
      { name: 'ui.search_ms', value: round(searchMs), unit: 'ms', budget: '<= 50', ok: searchMs <= 50 },
      { name: 'ui.tick_script_ms', value: round(tickScriptMs), unit: 'ms', budget: '<= 2', ok: tickScriptMs <= 2 },
      { name: 'ui.heap_mb', value: round(heapMb), unit: 'MB', budget: '<= 150', ok: heapMb <= 150 },
    ];
  } finally {
    await browser.close();
    await host.stop();
  }
}

/** Script time per second of the idle queue (the 1 Hz countdown tick and whatever else runs), over 10 seconds. */
async function scriptPerTick(cdp: CDPSession): Promise<number> {
  await cdp.send('Performance.enable');
  const scriptSeconds = async (): Promise<number> =>
    (await cdp.send('Performance.getMetrics')).metrics.find((metric) => metric.name === 'ScriptDuration')?.value ?? Number.NaN;
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const before = await scriptSeconds();
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, 10_000));
  const ticks = (performance.now() - started) / 1000;
  return ((await scriptSeconds()) - before) * 1000 / ticks;
}

/** The JS heap after scrolling the whole view top to bottom and back, garbage collected first (what stays). */
async function heapAfterScrolling(page: Page, cdp: CDPSession): Promise<number> {
  for (let stop = 0; stop <= 20; stop++) {
    await page.evaluate(`${SCROLLER}.scrollTo({ top: ${stop / 20} * ${SCROLLER}.scrollHeight })`);
    // Polled from here: the page's CSP forbids the string evaluation waitForFunction would do there.
    while ((await page.evaluate(`document.querySelectorAll('[data-testid="queue"] .is-placeholder').length`)) !== 0) await page.waitForTimeout(20);
  }
  await page.evaluate(`${SCROLLER}.scrollTo({ top: 0 })`);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize / 1024 / 1024;
}
