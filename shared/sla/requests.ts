// The `triage-desk sla due|elapsed` request and answer shapes (one JSON object per line), validated with zod so
// that a bad line answers {"error": ...} naming the field and the next line carries on.
import { z } from 'zod';
import { businessSecondsBetween, pauseList } from './business-time.ts';
import { BusinessCalendar, CalendarSpecSchema, type CalendarSpec } from './calendar.ts';
import { dueInstant } from './due.ts';
import { describeZodError } from '../validation/describe-zod-error.ts';
import { IsoInstantSchema } from './iso-instant.ts';

const MAX_TARGET_SECONDS = 10 * 366 * 86_400;

/** [from, to) in UTC; may overlap each other and closed hours. */
const PauseSchema = z.tuple([IsoInstantSchema, IsoInstantSchema]).superRefine(([from, to], ctx) => {
  if (to < from) ctx.addIssue({ code: 'custom', path: [1], message: 'the pause ends before it starts' });
});

const notNegative = { error: (issue: { input: unknown }) => `${String(issue.input)} is negative` };
const tooLarge = { error: (issue: { input: unknown }) => `${String(issue.input)} is more than ten years` };

export const DueRequestSchema = z
  .strictObject({
    calendar: CalendarSpecSchema,
    start: IsoInstantSchema,
    minutes: z.number().min(0, notNegative).max(MAX_TARGET_SECONDS / 60, tooLarge).optional(),
    seconds: z
      .number()
      .min(0, notNegative)
      .max(MAX_TARGET_SECONDS, tooLarge)
      .refine(Number.isInteger, { error: (issue) => `${String(issue.input)} is not a whole number` })
      .optional(),
    pauses: z.array(PauseSchema).optional(),
  })
  .superRefine((request, ctx) => {
    if ((request.minutes === undefined) === (request.seconds === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['minutes'], message: 'give exactly one of "minutes" and "seconds"' });
    } else if (request.minutes !== undefined && !Number.isInteger(request.minutes * 60)) {
      ctx.addIssue({ code: 'custom', path: ['minutes'], message: `${request.minutes} is not a whole number of seconds` });
    }
  });

export const ElapsedRequestSchema = z
  .strictObject({
    calendar: CalendarSpecSchema,
    from: IsoInstantSchema,
    to: IsoInstantSchema,
    pauses: z.array(PauseSchema).optional(),
  })
  .superRefine((request, ctx) => {
    if (request.to < request.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'is before "from"' });
  });

export type DueAnswer = { due: string } | { error: string };
export type ElapsedAnswer = { seconds: number } | { error: string };

// Lines usually repeat a handful of calendars; reusing them keeps their per-date caches warm.
const MAX_CACHED_CALENDARS = 64;

/** Answers request lines; keeps the calendars it has seen so a long stream reuses them. */
export class SlaRequestAnswerer {
  readonly #calendars = new Map<string, BusinessCalendar>();

  due(input: unknown): DueAnswer {
    const parsed = DueRequestSchema.safeParse(input);
    if (!parsed.success) return { error: describeZodError(parsed.error) };
    const { start, minutes, seconds, pauses } = parsed.data;
    const calendar = this.#calendar(parsed.data.calendar);
    return this.#answer(() => ({
      due: calendar.clock.format(dueInstant(calendar, start, seconds ?? (minutes ?? 0) * 60, pauseList(pauses ?? []))),
    }));
  }

  elapsed(input: unknown): ElapsedAnswer {
    const parsed = ElapsedRequestSchema.safeParse(input);
    if (!parsed.success) return { error: describeZodError(parsed.error) };
    const { from, to, pauses } = parsed.data;
    const calendar = this.#calendar(parsed.data.calendar);
    return this.#answer(() => ({ seconds: businessSecondsBetween(calendar, from, to, pauseList(pauses ?? [])) }));
  }

  #calendar(spec: CalendarSpec): BusinessCalendar {
    const key = JSON.stringify(spec);
    let calendar = this.#calendars.get(key);
    if (calendar === undefined) {
      if (this.#calendars.size >= MAX_CACHED_CALENDARS) this.#calendars.clear();
      calendar = new BusinessCalendar(spec);
      this.#calendars.set(key, calendar);
    }
    return calendar;
  }

  // The engine's own range errors (a calendar closed for years on end) answer the line like validation errors.
  #answer<T>(compute: () => T): T | { error: string } {
    try {
      return compute();
    } catch (error) {
      if (error instanceof RangeError) return { error: error.message };
      throw error;
    }
  }
}
