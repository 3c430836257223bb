// Business calendars: weekly opening windows in local wall-clock time, holidays as local dates, an IANA zone.
// A calendar is turned, one local date at a time, into sorted UTC intervals (epoch seconds) that the business-time
// arithmetic walks. Those per-date intervals are cached, so a due computation costs a few map look-ups per day it
// crosses instead of time-zone conversions.
import { z } from 'zod';
import { clipTo, unionOf } from './intervals.ts';
import {
  daysInMonth,
  epochDayFromCivil,
  isValidZoneName,
  SECONDS_PER_DAY,
  WallClock,
  WEEKDAYS,
  weekdayIndex,
  type EpochDay,
  type EpochSeconds,
} from './wall-clock.ts';

const TIME = /^(?:([01]\d|2[0-3]):([0-5]\d)|24:00)$/;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function minuteOfDay(time: string): number {
  return time === '24:00' ? 1440 : Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** Epoch day of a local date "YYYY-MM-DD", or null if it is not a real date. */
export function parseLocalDate(text: string): EpochDay | null {
  const m = LOCAL_DATE.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return epochDayFromCivil(year, month, day);
}

const TimeSchema = z.string().refine((s) => TIME.test(s), {
  error: (issue) => `${JSON.stringify(issue.input)} is not a time HH:MM (00:00-24:00)`,
});

// [start, end]; end before start runs overnight into the next day and belongs to the day it starts.
const WindowSchema = z.tuple([TimeSchema, TimeSchema]).superRefine(([start, end], ctx) => {
  if (start === '24:00') {
    ctx.addIssue({ code: 'custom', path: [0], message: '"24:00" can only end a window' });
  } else if (start === end) {
    ctx.addIssue({ code: 'custom', message: `window ${JSON.stringify(start)}-${JSON.stringify(end)} has zero length` });
  }
});

const DayWindowsSchema = z.array(WindowSchema).optional();

export const CalendarSpecSchema = z
  .strictObject({
    timezone: z.string().refine(isValidZoneName, {
      error: (issue) => `${JSON.stringify(issue.input)} is not an IANA time zone`,
    }),
    /** A missing or empty day is closed. */
    hours: z.strictObject({
      mon: DayWindowsSchema,
      tue: DayWindowsSchema,
      wed: DayWindowsSchema,
      thu: DayWindowsSchema,
      fri: DayWindowsSchema,
      sat: DayWindowsSchema,
      sun: DayWindowsSchema,
    }),
    holidays: z
      .array(
        z.string().refine((s) => parseLocalDate(s) !== null, {
          error: (issue) => `${JSON.stringify(issue.input)} is not a date YYYY-MM-DD`,
        }),
      )
      .optional(),
  })
  .superRefine((spec, ctx) => {
    // A calendar that is never open would make every due instant infinitely far away.
    if (WEEKDAYS.every((day) => (spec.hours[day] ?? []).length === 0)) {
      ctx.addIssue({ code: 'custom', path: ['hours'], message: 'no opening hours on any day' });
    }
  });

export type CalendarSpec = z.infer<typeof CalendarSpecSchema>;

interface WeeklyWindow {
  readonly start: number; // minute of the day
  readonly end: number; // minute of the day; 1440 is the next midnight
  readonly overnight: boolean;
}

// Enough for decades of dates; cleared wholesale when exceeded so memory stays bounded.
const MAX_CACHED_DAYS = 20_000;

export class BusinessCalendar {
  readonly spec: CalendarSpec;
  readonly clock: WallClock;
  readonly #weekly: readonly (readonly WeeklyWindow[])[];
  readonly #holidays: ReadonlySet<EpochDay>;
  readonly #openByOwner = new Map<EpochDay, readonly (readonly [number, number])[]>();
  readonly #openOnDate = new Map<EpochDay, readonly number[]>();

  /** Takes a spec already validated by CalendarSpecSchema. */
  constructor(spec: CalendarSpec) {
    this.spec = spec;
    this.clock = new WallClock(spec.timezone);
    this.#weekly = WEEKDAYS.map((day) =>
      (spec.hours[day] ?? []).map(([start, end]) => {
        const s = minuteOfDay(start);
        const e = minuteOfDay(end);
        return { start: s, end: e, overnight: e < s };
      }),
    );
    this.#holidays = new Set((spec.holidays ?? []).flatMap((date) => parseLocalDate(date) ?? []));
  }

  /** The instant of a local wall time on a local date (minute 1440 = the next midnight), with the gap/fold rules. */
  instantOf(day: EpochDay, minute: number): EpochSeconds {
    return this.clock.toInstant(day * SECONDS_PER_DAY + minute * 60);
  }

  /**
   * Open time between this local date's midnight and the next, as sorted disjoint UTC intervals flattened to
   * [start0, end0, start1, end1, ...], half-open. Includes the tail of the previous date's overnight windows.
   */
  openOnLocalDate(day: EpochDay): readonly number[] {
    let open = this.#openOnDate.get(day);
    if (open === undefined) {
      if (this.#openOnDate.size >= MAX_CACHED_DAYS) this.#openOnDate.clear();
      open = clipTo(unionOf([...this.#openOwnedBy(day - 1), ...this.#openOwnedBy(day)]), this.instantOf(day, 0), this.instantOf(day + 1, 0));
      this.#openOnDate.set(day, open);
    }
    return open;
  }

  // The windows a date owns (overnight ones run into the next date), converted to UTC; none on a holiday.
  #openOwnedBy(day: EpochDay): readonly (readonly [number, number])[] {
    let owned = this.#openByOwner.get(day);
    if (owned === undefined) {
      if (this.#openByOwner.size >= MAX_CACHED_DAYS) this.#openByOwner.clear();
      const intervals: [number, number][] = [];
      if (!this.#holidays.has(day)) {
        for (const window of this.#weekly[weekdayIndex(day)] ?? []) {
          const start = this.instantOf(day, window.start);
          const end = window.overnight ? this.instantOf(day + 1, window.end) : this.instantOf(day, window.end);
          // A window lying wholly inside a spring-forward gap comes out empty; unionOf drops it.
          intervals.push([start, end]);
        }
      }
      owned = intervals;
      this.#openByOwner.set(day, owned);
    }
    return owned;
  }
}

/** Validates an unknown value as a calendar; throws a ZodError naming the bad field. */
export function parseCalendar(input: unknown): BusinessCalendar {
  return new BusinessCalendar(CalendarSpecSchema.parse(input));
}
