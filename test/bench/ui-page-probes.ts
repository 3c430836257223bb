// Runs in the page (bundled by ui.ts, installed before the app): times what the engineer sees, frame by frame.
import { PROBES_GLOBAL, type ProbeTiming, type ProbeUntil, type UiProbes } from './ui-probe-api.ts';

/** Runs `callback` in a task of its own, after the current one and, from a frame callback, after that frame's paint. */
function afterTask(callback: () => void): void {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => callback();
  channel.port2.postMessage(null);
}

const selectedRow = (): Element | null => document.querySelector('[data-testid="queue"] [role="row"][aria-selected="true"]');

function onScreen(element: Element): boolean {
  const box = element.getBoundingClientRect();
  const scroller = document.querySelector('[data-testid="queue"]')?.getBoundingClientRect();
  return scroller !== undefined && box.height > 0 && box.top >= scroller.top - 1 && box.bottom <= scroller.bottom + 1;
}

function holds(until: ProbeUntil, rowBefore: string | null): boolean {
  if (until.kind === 'selector') {
    return Array.from(document.querySelectorAll(until.selector)).some(onScreen);
  }
  const row = selectedRow();
  return row !== null && row.hasAttribute('data-ticket') && row.getAttribute('aria-rowindex') !== rowBefore && onScreen(row);
}

const firstRows = new Promise<number>((resolve) => {
  const observer = new MutationObserver(() => {
    if (document.querySelector('[data-testid="queue"] [role="row"][data-ticket]') === null) return;
    observer.disconnect();
    requestAnimationFrame(() => afterTask(() => resolve(performance.now())));
  });
  observer.observe(document, { childList: true, subtree: true });
});

let armed: { key: string; until: ProbeUntil } | null = null;
let outcome: Promise<ProbeTiming> | null = null;
let settle: { resolve(timing: ProbeTiming): void; reject(error: Error): void } | null = null;

// Capture phase on the window: before the app's own key handler, so the event's time and the row before are seen.
window.addEventListener(
  'keydown',
  (event) => {
    if (armed === null || event.key !== armed.key || settle === null) return;
    const { until } = armed;
    const { resolve, reject } = settle;
    armed = null;
    const start = event.timeStamp;
    const rowBefore = selectedRow()?.getAttribute('aria-rowindex') ?? null;
    // The key is handled once the app's own listener (on the window, bubbling) and the microtasks it queued (React's
    // render and commit) have run: a listener added now runs after it in this same dispatch. A task posted from here
    // would not do: Chromium runs the frame due after an input before other tasks, so it would count the display's wait.
    let handled: number | null = null;
    window.addEventListener('keydown', () => queueMicrotask(() => (handled = performance.now())), { once: true });
    let firstFrame: number | null = null;
    const onFrame = (frameStart: number): void => {
      firstFrame ??= frameStart;
      afterTask(() => {
        const end = performance.now();
        if (holds(until, rowBefore)) {
          // The frame began after the key was handled: that gap is the display's, not the app's.
          const idle = Math.max(0, firstFrame! - (handled ?? firstFrame!));
          resolve({ rawMs: end - start, workMs: end - start - idle });
        } else if (end - start > 10_000) {
          reject(new Error(`not seen within 10 s: ${JSON.stringify(until)}`));
        } else requestAnimationFrame(onFrame);
      });
    };
    requestAnimationFrame(onFrame);
  },
  { capture: true },
);

const probes: UiProbes = {
  firstRowsMs: () => firstRows,
  arm(key, until) {
    armed = { key, until };
    outcome = new Promise<ProbeTiming>((resolve, reject) => (settle = { resolve, reject }));
  },
  result() {
    if (outcome === null) return Promise.reject(new Error('nothing armed'));
    return outcome;
  },
};
Object.defineProperty(window, PROBES_GLOBAL, { value: probes });
