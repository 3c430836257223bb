// A deliberately slow, independent model of business time for the property tests: it asks luxon for each minute's
// local date and time and re-derives that day's windows, then steps minute by minute (and at pause edges, so
// seconds stay exact). Calendars and DST shifts are whole minutes, so openness is constant within a minute.
import { DateTime } from 'luxon';
import type { CalendarSpec } from '../../../shared/sla/index.ts';

const DAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

type Pause = readonly [number, number];

export class OracleCalendar {
  readonly #spec: CalendarSpec;
  readonly #openByMinute = new Map<number, boolean>();
  readonly #instants = new Map<string, number>();

  constructor(spec: CalendarSpec) {
    this.#spec = spec;
  }

  // The instant of a wall time on a date: the earliest instant whose local reading is exactly that (first
  // occurrence); if none reads so, it is in a spring-forward gap, and luxon moves it forward by the gap.
  #instant(date: DateTime, time: string): number {
    const [hour, minute] = time === '24:00' ? [0, 0] : time.split(':').map(Number);
    const day = time === '24:00' ? date.plus({ days: 1 }) : date;
    const key = `${day.toISODate()} ${hour}:${minute}`;
    let result = this.#instants.get(key);
    if (result === undefined) {
      const wanted = { year: day.year, month: day.month, day: day.day, hour, minute };
      const luxon = DateTime.fromObject(wanted, { zone: this.#spec.timezone }).toSeconds();
      const readsAsWanted = (t: number): boolean => {
        const local = DateTime.fromSeconds(t, { zone: this.#spec.timezone });
        return local.year === wanted.year && local.month === wanted.month && local.day === wanted.day && local.hour === hour && local.minute === minute;
      };
      const candidates = [-7200, -5400, -3600, -1800, 0, 1800, 3600].map((shift) => luxon + shift).filter(readsAsWanted);
      result = candidates.length > 0 ? Math.min(...candidates) : luxon;
      this.#instants.set(key, result);
    }
    return result;
  }

  isOpen(t: number): boolean {
    const minute = Math.floor(t / 60);
    let open = this.#openByMinute.get(minute);
    if (open === undefined) {
      open = this.#computeOpen(minute * 60);
      this.#openByMinute.set(minute, open);
    }
    return open;
  }

  #computeOpen(t: number): boolean {
    const today = DateTime.fromSeconds(t, { zone: this.#spec.timezone }).startOf('day');
    for (const owner of [today.minus({ days: 1 }), today]) {
      if ((this.#spec.holidays ?? []).includes(owner.toISODate() ?? '')) continue;
      for (const [start, end] of this.#spec.hours[DAY_KEYS[owner.weekday - 1] ?? 'mon'] ?? []) {
        const from = this.#instant(owner, start);
        const to = end < start ? this.#instant(owner.plus({ days: 1 }), end) : this.#instant(owner, end);
        if (from <= t && t < to) return true;
      }
    }
    return false;
  }

  // Steps through [from, horizon) in pieces that never straddle a minute or pause boundary.
  *#pieces(from: number, horizon: number, pauses: readonly Pause[]): Generator<{ start: number; end: number; running: boolean }> {
    let t = from;
    while (t < horizon) {
      let next = Math.min(Math.floor(t / 60) * 60 + 60, horizon);
      for (const [a, b] of pauses) {
        if (a > t && a < next) next = a;
        if (b > t && b < next) next = b;
      }
      yield { start: t, end: next, running: this.isOpen(t) && !pauses.some(([a, b]) => a <= t && t < b) };
      t = next;
    }
  }

  elapsed(from: number, to: number, pauses: readonly Pause[] = []): number {
    let total = 0;
    for (const piece of this.#pieces(from, to, pauses)) if (piece.running) total += piece.end - piece.start;
    return total;
  }

  /** The due instant, or null if it lies beyond the horizon. */
  due(start: number, target: number, pauses: readonly Pause[] = [], horizonSeconds = 12 * 86_400): number | null {
    let used = 0;
    for (const piece of this.#pieces(start, start + horizonSeconds, pauses)) {
      if (!piece.running) continue;
      if (target - used < piece.end - piece.start) return piece.start + (target - used);
      used += piece.end - piece.start;
    }
    return null;
  }
}
