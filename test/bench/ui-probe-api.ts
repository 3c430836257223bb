// What the ui.* bench's page probes (ui-page-probes.ts, run in Chromium) offer the bench (ui.ts, on Node).

/** When a measured key press counts as done: a selector matching something on screen, or the next selected row. */
export type ProbeUntil = { kind: 'selector'; selector: string } | { kind: 'next-row' };

export interface ProbeTiming {
  /** From the key event to the end of the first frame that shows the outcome. */
  rawMs: number;
  /** The same without the wait between the key's handling and the display's next frame (vsync), which no code shortens. */
  workMs: number;
}

export interface UiProbes {
  /** Milliseconds from the navigation's start to the end of the first frame showing queue rows. */
  firstRowsMs(): Promise<number>;
  /** Measures the next keydown of `key` until `until` holds after a frame; read it with result(). */
  arm(key: string, until: ProbeUntil): void;
  result(): Promise<ProbeTiming>;
}

/** Where the probes live in the page. */
export const PROBES_GLOBAL = '__uiBenchProbes';
