/** "12 Mar 2026, 14:05" in the engineer's locale and zone: when something happened or is due. */
export function formatInstant(epochMs: number): string {
  return new Date(epochMs).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
}
