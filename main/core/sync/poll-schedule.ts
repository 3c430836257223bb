// How long an account waits between polls. The base is the settings' pollIntervalSeconds; the window's focus scales it
// and failures stretch it. The rate limiter may stretch it further (account-sync.ts).

/** Whether the engineer is looking at the app: its window reports focus; the command line has no window. */
export type WindowFocus = 'focused' | 'unfocused' | 'unknown';

/**
 * Twice as often while the window is focused: someone is triaging and wants a new ticket in seconds. Half as often
 * otherwise: a 60-second base still finds a P1 within two minutes, and the team's background polling halves.
 */
export const FOCUS_FACTORS: Readonly<Record<WindowFocus, number>> = { focused: 0.5, unfocused: 2, unknown: 1 };

/** Each failed poll in a row doubles the wait, up to this (or the interval itself, if longer). */
export const MAX_FAILURE_BACKOFF_MS = 15 * 60_000;

export interface PollTiming {
  baseMs: number;
  focus: WindowFocus;
  /** Polls that failed in a row, the last one included. */
  failures: number;
}

/** How long after a poll ends the next one starts. */
export function pollDelayMs({ baseMs, focus, failures }: PollTiming): number {
  const interval = baseMs * FOCUS_FACTORS[focus];
  if (failures === 0) return interval;
  return Math.min(interval * 2 ** failures, Math.max(interval, MAX_FAILURE_BACKOFF_MS));
}
