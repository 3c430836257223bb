/**
 * A countdown in calendar time as the queue shows it: "2d 4h", "3h 12m", "12m 05s", "45s"; negative once breached.
 * Seconds appear only in the last hour, where they matter.
 */
export function formatCountdown(seconds: number): string {
  const sign = seconds < 0 ? '-' : '';
  const total = Math.abs(seconds);
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const secs = total % 60;
  if (days > 0) return `${sign}${days}d ${hours}h`;
  if (hours > 0) return `${sign}${hours}h ${String(minutes).padStart(2, '0')}m`;
  if (minutes > 0) return `${sign}${minutes}m ${String(secs).padStart(2, '0')}s`;
  return `${sign}${secs}s`;
}
