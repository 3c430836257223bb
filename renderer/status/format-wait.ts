/** "now", "in 40 s", "in 3 min", "in 2 h": how long until an instant, for the status line's next poll. */
export function formatWait(then: number, now: number): string {
  const seconds = Math.round((then - now) / 1000);
  if (seconds <= 0) return 'now';
  if (seconds < 60) return `in ${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `in ${minutes} min`;
  return `in ${Math.round(minutes / 60)} h`;
}
