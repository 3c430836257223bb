// Due instants: due = max{t : businessSecondsBetween(start, t) <= target}.
// So a target used up exactly at a close is due at the next opening, a zero target is due at the first business
// instant at or after start, and "breached" means exactly "the event came after due".
import type { BusinessCalendar } from './calendar.ts';
import { NO_PAUSES, RunningTime, type PauseList } from './business-time.ts';
import type { EpochSeconds } from './wall-clock.ts';

/** The due instant, or Infinity when an open-ended pause stops the clock before the target is used up. */
export function dueInstant(
  calendar: BusinessCalendar,
  start: EpochSeconds,
  targetSeconds: number,
  pauses: PauseList = NO_PAUSES,
): EpochSeconds {
  if (!(targetSeconds >= 0)) throw new RangeError(`target: ${targetSeconds} is negative`);
  let remaining = targetSeconds;
  const running = new RunningTime(calendar, start, pauses);
  while (running.next()) {
    const length = running.end - running.start;
    // Strictly less: a target used up exactly at a stretch's end lands on the next stretch's start.
    if (remaining < length) return running.start + remaining;
    remaining -= length;
  }
  return Infinity;
}
