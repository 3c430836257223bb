// One formatter for the window: building one per call (toLocaleString with options does) is the costly part, and
// every visible due cell formats its due time on each 1 Hz tick.
const INSTANT = new Intl.DateTimeFormat([], { dateStyle: 'medium', timeStyle: 'short' });

/** "12 Mar 2026, 14:05" in the engineer's locale and zone: when something happened or is due. */
export function formatInstant(epochMs: number): string {
  return INSTANT.format(epochMs);
}
