// Business time: the calendar's open time minus pauses, walked interval by interval (never minute by minute).
import type { BusinessCalendar } from './calendar.ts';
import { unionOf } from './intervals.ts';
import { SECONDS_PER_DAY, type EpochSeconds } from './wall-clock.ts';

/** Pauses as sorted, disjoint, flat half-open UTC intervals; an end of Infinity is a pause still open. */
export type PauseList = readonly number[];

export const NO_PAUSES: PauseList = [];

/** Normalizes pause intervals, which may overlap each other and closed hours, into a PauseList. */
export function pauseList(pauses: Iterable<readonly [EpochSeconds, EpochSeconds]>): PauseList {
  return unionOf(pauses);
}

// A calendar that has been closed this long (e.g. a holiday list covering years) is treated as broken rather than
// walked forever.
const MAX_CLOSED_DAYS = 3_660;

/** Iterates the stretches of running clock (open and not paused) at or after an instant, in order. */
export class RunningTime {
  /** The current stretch [start, end), valid after next() returned true. */
  start = 0;
  end = 0;
  readonly #calendar: BusinessCalendar;
  readonly #pauses: PauseList;
  readonly #from: EpochSeconds;
  #pause = 0;
  #day: number;
  #open: readonly number[];
  #openIndex = 0;
  #pieceStart = 0;
  #pieceEnd = 0;

  constructor(calendar: BusinessCalendar, from: EpochSeconds, pauses: PauseList) {
    this.#calendar = calendar;
    this.#pauses = pauses;
    this.#from = from;
    // Start two local dates before the UTC date so that no zone offset can make us miss open time around `from`.
    this.#day = Math.floor(from / SECONDS_PER_DAY) - 2;
    this.#open = calendar.openOnLocalDate(this.#day);
  }

  /** Moves to the next stretch; false once an open-ended pause has stopped the clock for good. */
  next(): boolean {
    const pauses = this.#pauses;
    for (;;) {
      if (this.#pieceStart >= this.#pieceEnd) this.#nextOpenPiece();
      while (this.#pause < pauses.length && (pauses[this.#pause + 1] ?? 0) <= this.#pieceStart) this.#pause += 2;
      const pauseStart = pauses[this.#pause] ?? Infinity;
      if (pauseStart < this.#pieceEnd) {
        const pauseEnd = pauses[this.#pause + 1] ?? Infinity;
        if (pauseStart > this.#pieceStart) {
          this.start = this.#pieceStart;
          this.end = pauseStart;
          this.#pieceStart = pauseEnd;
          return true;
        }
        if (pauseEnd === Infinity) return false;
        this.#pieceStart = pauseEnd;
        continue;
      }
      this.start = this.#pieceStart;
      this.end = this.#pieceEnd;
      this.#pieceStart = this.#pieceEnd;
      return true;
    }
  }

  // Loads the next open interval (clipped to `from`) as the current piece.
  #nextOpenPiece(): void {
    let closedDays = 0;
    for (;;) {
      while (this.#openIndex >= this.#open.length) {
        if (++closedDays > MAX_CLOSED_DAYS) {
          throw new RangeError(`calendar: closed for ${MAX_CLOSED_DAYS} days in a row`);
        }
        this.#day += 1;
        this.#open = this.#calendar.openOnLocalDate(this.#day);
        this.#openIndex = 0;
      }
      const start = this.#open[this.#openIndex] ?? 0;
      const end = this.#open[this.#openIndex + 1] ?? 0;
      this.#openIndex += 2;
      if (end > this.#from) {
        this.#pieceStart = Math.max(start, this.#from);
        this.#pieceEnd = end;
        return;
      }
    }
  }
}

/** Business seconds in [from, to) outside pauses; 0 when to <= from. */
export function businessSecondsBetween(
  calendar: BusinessCalendar,
  from: EpochSeconds,
  to: EpochSeconds,
  pauses: PauseList = NO_PAUSES,
): number {
  let total = 0;
  if (to <= from) return total;
  const running = new RunningTime(calendar, from, pauses);
  while (running.next() && running.start < to) total += Math.min(running.end, to) - running.start;
  return total;
}
