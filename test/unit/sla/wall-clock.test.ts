// Local dates and wall-clock readings in IANA zones.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIsoInstant, WallClock } from '../../../shared/sla/index.ts';
import { civilFromEpochDay, epochDayFromCivil, weekdayIndex } from '../../../shared/sla/wall-clock.ts';

const wall = (iso: string): number => parseIsoInstant(`${iso}Z`) ?? Number.NaN;

describe('wall clock', () => {
  it.each([
    ['America/New_York', '2024-03-10T02:30:00', '2024-03-10T03:30:00-04:00'],
    ['America/New_York', '2024-11-03T01:30:00', '2024-11-03T01:30:00-04:00'],
    ['Europe/Berlin', '2024-03-31T02:30:00', '2024-03-31T03:30:00+02:00'],
    ['Europe/Berlin', '2024-10-27T02:30:00', '2024-10-27T02:30:00+02:00'],
    ['Australia/Lord_Howe', '2024-10-06T02:05:00', '2024-10-06T02:35:00+11:00'],
    ['Australia/Lord_Howe', '2024-04-07T01:45:00', '2024-04-07T01:45:00+11:00'],
    ['Asia/Kolkata', '2024-06-01T09:00:00', '2024-06-01T09:00:00+05:30'],
    ['UTC', '2024-02-29T23:59:59', '2024-02-29T23:59:59+00:00'],
  ])('in %s, %s reads as %s', (zone, local, expected) => {
    const clock = new WallClock(zone);
    expect(clock.format(clock.toInstant(wall(local)))).toBe(expected);
  });

  it('rejects an unknown zone', () => {
    expect(() => new WallClock('Europe/Atlantis')).toThrow('"Europe/Atlantis" is not an IANA time zone');
  });

  it('parses instants with Z, ±HH:MM and ±HHMM, and refuses impossible ones', () => {
    expect(parseIsoInstant('2024-03-08T16:30:00+05:30')).toBe(parseIsoInstant('2024-03-08T11:00:00Z'));
    expect(parseIsoInstant('2024-03-08T16:30-0100')).toBe(parseIsoInstant('2024-03-08T17:30:00Z'));
    for (const bad of ['2024-02-30T00:00:00Z', '2024-03-08T24:00:00Z', '2024-03-08 16:30:00Z', '2024-03-08T16:30:00', '2024-03-08T16:30:61Z']) {
      expect(parseIsoInstant(bad)).toBeNull();
    }
  });

  it('epoch days round-trip through civil dates, agreeing with Date', () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (day) => {
        const { year, month, day: dayOfMonth } = civilFromEpochDay(day);
        const date = new Date(day * 86_400_000);
        expect([year, month, dayOfMonth]).toEqual([date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()]);
        expect(epochDayFromCivil(year, month, dayOfMonth)).toBe(day);
        expect(weekdayIndex(day)).toBe((date.getUTCDay() + 6) % 7);
      }),
    );
  });
});
