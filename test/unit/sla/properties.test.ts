// Properties of due and elapsed, checked with fast-check against the slow oracle over ranges around DST shifts,
// holidays and overnight windows.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { businessSecondsBetween, dueInstant, parseCalendar, parseIsoInstant, pauseList, type CalendarSpec } from '../../../shared/sla/index.ts';
import {
  BERLIN_LUNCH,
  BERLIN_NIGHTS,
  BERLIN_OFFICE,
  BERLIN_SMALL_HOURS,
  LORD_HOWE,
  NEW_YORK_24X7,
  NEW_YORK_EXTENDED,
  TOKYO_24X7_HOLIDAY,
} from './calendars.ts';
import { OracleCalendar } from './oracle.ts';

const at = (iso: string): number => parseIsoInstant(iso) ?? Number.NaN;

// Each calendar with instants near its interesting days.
const CASES: readonly { name: string; spec: CalendarSpec; anchors: readonly number[] }[] = [
  { name: 'Berlin office', spec: BERLIN_OFFICE, anchors: [at('2024-03-30T00:00:00Z'), at('2024-10-26T00:00:00Z'), at('2024-12-24T12:00:00Z')] },
  { name: 'Berlin lunch', spec: BERLIN_LUNCH, anchors: [at('2024-03-11T12:00:00Z'), at('2024-10-28T00:00:00Z')] },
  { name: 'Berlin small hours', spec: BERLIN_SMALL_HOURS, anchors: [at('2024-03-30T18:00:00Z'), at('2024-10-26T18:00:00Z')] },
  { name: 'Berlin nights', spec: BERLIN_NIGHTS, anchors: [at('2024-03-30T18:00:00Z'), at('2024-10-26T18:00:00Z')] },
  { name: 'New York extended', spec: NEW_YORK_EXTENDED, anchors: [at('2024-03-09T20:00:00Z'), at('2024-11-02T20:00:00Z'), at('2024-07-03T20:00:00Z')] },
  { name: 'New York 24/7', spec: NEW_YORK_24X7, anchors: [at('2024-03-10T05:00:00Z'), at('2024-11-03T04:00:00Z')] },
  { name: 'Tokyo holiday', spec: TOKYO_24X7_HOLIDAY, anchors: [at('2024-12-24T12:00:00Z')] },
  { name: 'Lord Howe', spec: LORD_HOWE, anchors: [at('2024-04-06T12:00:00Z'), at('2024-10-05T12:00:00Z')] },
];

const calendars = CASES.map((c) => ({ ...c, engine: parseCalendar(c.spec), oracle: new OracleCalendar(c.spec) }));

const DAY = 86_400;
const calendarArb = fc.constantFrom(...calendars);
const startArb = (anchors: readonly number[]) =>
  fc.tuple(fc.constantFrom(...anchors), fc.integer({ min: -2 * DAY, max: 2 * DAY })).map(([anchor, shift]) => anchor + shift);
// Whole minutes and odd seconds both, up to 10 business hours.
const targetArb = fc.oneof(fc.integer({ min: 0, max: 600 }).map((m) => m * 60), fc.integer({ min: 0, max: 36_000 }));
const pausesArb = (start: number) =>
  fc.array(
    fc.tuple(fc.integer({ min: -DAY, max: 3 * DAY }), fc.integer({ min: 0, max: DAY })).map(([offset, length]): [number, number] => [start + offset, start + offset + length]),
    { maxLength: 3 },
  );
const scenarioArb = calendarArb.chain((calendar) =>
  startArb(calendar.anchors).chain((start) => fc.record({ calendar: fc.constant(calendar), start: fc.constant(start), target: targetArb, pauses: pausesArb(start) })),
);

const RUNS = { numRuns: 150 };

describe('due and elapsed against the slow oracle', () => {
  it('due equals the oracle, and elapsed(start, due(start, T)) == T', () => {
    fc.assert(
      fc.property(scenarioArb, ({ calendar, start, target, pauses }) => {
        const due = dueInstant(calendar.engine, start, target, pauseList(pauses));
        expect(due).toBe(calendar.oracle.due(start, target, pauses));
        expect(businessSecondsBetween(calendar.engine, start, due, pauseList(pauses))).toBe(target);
      }),
      RUNS,
    );
  });

  it('elapsed equals the oracle', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 0, max: 4 * DAY }), ({ calendar, start, pauses }, length) => {
        expect(businessSecondsBetween(calendar.engine, start, start + length, pauseList(pauses))).toBe(calendar.oracle.elapsed(start, start + length, pauses));
      }),
      RUNS,
    );
  });

  it('a larger target never gives an earlier due', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 0, max: 36_000 }), ({ calendar, start, target, pauses }, extra) => {
        const list = pauseList(pauses);
        expect(dueInstant(calendar.engine, start, target + extra, list)).toBeGreaterThanOrEqual(dueInstant(calendar.engine, start, target, list));
      }),
      RUNS,
    );
  });

  it('adding a pause never makes due earlier', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: -DAY, max: 3 * DAY }), fc.integer({ min: 0, max: DAY }), ({ calendar, start, target, pauses }, offset, length) => {
        const before = dueInstant(calendar.engine, start, target, pauseList(pauses));
        const after = dueInstant(calendar.engine, start, target, pauseList([...pauses, [start + offset, start + offset + length]]));
        expect(after).toBeGreaterThanOrEqual(before);
      }),
      RUNS,
    );
  });
});
