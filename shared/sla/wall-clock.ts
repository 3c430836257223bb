// Local wall-clock time in an IANA zone, in plain numbers.
// The engine works in epoch seconds; a local date is an "epoch day" (days since 1970-01-01 on the local calendar)
// and a local wall time is "wall seconds" (the epoch seconds the same wall reading would have in UTC).
// Luxon is used only for the zone's UTC offset, never to build DateTime objects in the hot path.
import { IANAZone } from 'luxon';

export type EpochSeconds = number;
export type EpochDay = number;

export const SECONDS_PER_DAY = 86_400;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Index into WEEKDAYS (0 = Monday). 1970-01-01 was a Thursday. */
export function weekdayIndex(day: EpochDay): number {
  return (((day + 3) % 7) + 7) % 7;
}

// Howard Hinnant's days_from_civil / civil_from_days: exact proleptic Gregorian arithmetic without Date objects.
export function epochDayFromCivil(year: number, month: number, day: number): EpochDay {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

export function civilFromEpochDay(epochDay: EpochDay): { year: number; month: number; day: number } {
  const z = epochDay + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: era * 400 + yoe + (month <= 2 ? 1 : 0), month, day };
}

export function daysInMonth(year: number, month: number): number {
  return epochDayFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - epochDayFromCivil(year, month, 1);
}

export function isValidZoneName(name: string): boolean {
  return IANAZone.isValidZone(name);
}

/** A zone's UTC offsets and the decided rules for reading local wall-clock times in it. */
export class WallClock {
  readonly zoneName: string;
  readonly #zone: IANAZone;

  constructor(zoneName: string) {
    if (!IANAZone.isValidZone(zoneName)) throw new RangeError(`"${zoneName}" is not an IANA time zone`);
    this.zoneName = zoneName;
    this.#zone = IANAZone.create(zoneName);
  }

  /** UTC offset in seconds in force at an instant. */
  offsetAt(t: EpochSeconds): number {
    return Math.round(this.#zone.offset(t * 1000) * 60);
  }

  /**
   * The instant a local wall reading names. A reading inside a spring-forward gap is read with the offset in force
   * before the gap (02:30 on New York's spring-forward night is 03:30 EDT); an ambiguous fall-back reading means its
   * first occurrence. Assumes at most one offset change within a day of the reading, which holds for real zones.
   */
  toInstant(wall: number): EpochSeconds {
    const before = this.offsetAt(wall - SECONDS_PER_DAY);
    const after = this.offsetAt(wall + SECONDS_PER_DAY);
    if (before === after) return wall - before;
    const withBefore = wall - before;
    const withAfter = wall - after;
    const beforeFits = this.offsetAt(withBefore) === before;
    const afterFits = this.offsetAt(withAfter) === after;
    if (beforeFits && afterFits) return Math.min(withBefore, withAfter);
    if (afterFits) return withAfter;
    return withBefore;
  }

  /** ISO 8601 with this zone's offset at that instant, second precision: 2024-03-11T09:00:00-04:00. */
  format(t: EpochSeconds): string {
    const offset = this.offsetAt(t);
    const wall = t + offset;
    const day = Math.floor(wall / SECONDS_PER_DAY);
    const secondOfDay = wall - day * SECONDS_PER_DAY;
    const { year, month, day: dayOfMonth } = civilFromEpochDay(day);
    const offsetMinutes = Math.trunc(Math.abs(offset) / 60);
    return (
      `${pad(year, 4)}-${pad(month, 2)}-${pad(dayOfMonth, 2)}` +
      `T${pad(Math.floor(secondOfDay / 3600), 2)}:${pad(Math.floor(secondOfDay / 60) % 60, 2)}:${pad(secondOfDay % 60, 2)}` +
      `${offset < 0 ? '-' : '+'}${pad(Math.floor(offsetMinutes / 60), 2)}:${pad(offsetMinutes % 60, 2)}`
    );
  }
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
