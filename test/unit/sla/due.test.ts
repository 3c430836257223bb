// Due instants and elapsed business time, checked against hand-computed cases.
import { describe, expect, it } from 'vitest';
import { businessSecondsBetween, dueInstant, parseCalendar, parseIsoInstant, pauseList, type CalendarSpec } from '../../../shared/sla/index.ts';
import {
  BERLIN_LUNCH,
  BERLIN_NIGHTS,
  BERLIN_OFFICE,
  LORD_HOWE,
  NEW_YORK_24X7,
  NEW_YORK_EXTENDED,
  TOKYO_24X7_HOLIDAY,
  UTC_24X7,
} from './calendars.ts';

function instant(iso: string): number {
  const t = parseIsoInstant(iso);
  if (t === null) throw new Error(`bad test instant ${iso}`);
  return t;
}

function due(spec: CalendarSpec, start: string, seconds: number, pauses: [string, string][] = []): string {
  const calendar = parseCalendar(spec);
  return calendar.clock.format(dueInstant(calendar, instant(start), seconds, pauseList(pauses.map(([a, b]) => [instant(a), instant(b)]))));
}

function elapsed(spec: CalendarSpec, from: string, to: string, pauses: [string, string][] = []): number {
  return businessSecondsBetween(parseCalendar(spec), instant(from), instant(to), pauseList(pauses.map(([a, b]) => [instant(a), instant(b)])));
}

const H = 3600;
const M = 60;

describe('due instant', () => {
  it.each([
    // [case, calendar, start, target seconds, expected due]
    ['target used up exactly at Friday close is due at Monday opening', BERLIN_OFFICE, '2024-03-08T16:00:00+01:00', 60 * M, '2024-03-11T09:00:00+01:00'],
    ['one minute past the close', BERLIN_OFFICE, '2024-03-08T16:00:00+01:00', 61 * M, '2024-03-11T09:01:00+01:00'],
    ['start given in New York offset for a Berlin calendar', BERLIN_OFFICE, '2024-03-08T10:00:00-05:00', 60 * M, '2024-03-11T09:00:00+01:00'],
    ['start given in +09:00 for a Berlin calendar', BERLIN_OFFICE, '2024-03-09T00:00:00+09:00', 60 * M, '2024-03-11T09:00:00+01:00'],
    ['zero target on a Saturday is the next opening', BERLIN_OFFICE, '2024-03-09T12:00:00Z', 0, '2024-03-11T09:00:00+01:00'],
    ['zero target inside a window is the start itself', BERLIN_OFFICE, '2024-03-11T10:15:30+01:00', 0, '2024-03-11T10:15:30+01:00'],
    ['zero target at the close is the next opening', BERLIN_OFFICE, '2024-03-08T17:00:00+01:00', 0, '2024-03-11T09:00:00+01:00'],
    ['zero target at an opening is that opening', BERLIN_OFFICE, '2024-03-11T09:00:00+01:00', 0, '2024-03-11T09:00:00+01:00'],
    ['Berlin spring forward weekend plus Easter Monday', BERLIN_OFFICE, '2024-03-29T16:00:00+01:00', 2 * H, '2024-04-02T10:00:00+02:00'],
    ['Berlin fall back weekend', BERLIN_OFFICE, '2024-10-25T16:30:00+02:00', 60 * M, '2024-10-28T09:30:00+01:00'],
    ['Christmas holidays', BERLIN_OFFICE, '2024-12-24T16:00:00+01:00', 2 * H, '2024-12-27T10:00:00+01:00'],
    ['second precision: one second before the close', BERLIN_OFFICE, '2024-03-08T16:00:30+01:00', 3569, '2024-03-08T16:59:59+01:00'],
    ['second precision: exactly at the close', BERLIN_OFFICE, '2024-03-08T16:00:30+01:00', 3570, '2024-03-11T09:00:00+01:00'],
    ['second precision: one second past the close', BERLIN_OFFICE, '2024-03-08T16:00:30+01:00', 3571, '2024-03-11T09:00:01+01:00'],
    ['fractions of a second in the start are dropped', BERLIN_OFFICE, '2024-03-08T15:00:30.900Z', 3569, '2024-03-08T16:59:59+01:00'],
    ['lunch close then afternoon opening', BERLIN_LUNCH, '2024-03-12T11:30:00+01:00', 30 * M, '2024-03-12T13:00:00+01:00'],
    ['into the afternoon window', BERLIN_LUNCH, '2024-03-12T11:30:00+01:00', 31 * M, '2024-03-12T13:01:00+01:00'],
    ['NY night shift on spring-forward night, before the gap', NEW_YORK_EXTENDED, '2024-03-09T21:00:00-05:00', 3 * H, '2024-03-10T01:00:00-05:00'],
    ['NY night shift on spring-forward night, across the gap', NEW_YORK_EXTENDED, '2024-03-09T21:00:00-05:00', 4 * H, '2024-03-10T03:00:00-04:00'],
    ['NY 7 h night shift used up exactly at its 06:00 close', NEW_YORK_EXTENDED, '2024-03-09T21:00:00-05:00', 7 * H, '2024-03-11T07:00:00-04:00'],
    ['NY fall-back night: first 01:00', NEW_YORK_EXTENDED, '2024-11-02T21:00:00-04:00', 3 * H, '2024-11-03T01:00:00-04:00'],
    ['NY fall-back night: second 01:00', NEW_YORK_EXTENDED, '2024-11-02T21:00:00-04:00', 4 * H, '2024-11-03T01:00:00-05:00'],
    ['NY 9 h fall-back night shift', NEW_YORK_EXTENDED, '2024-11-02T21:00:00-04:00', 9 * H, '2024-11-04T07:00:00-05:00'],
    ['NY Independence Day', NEW_YORK_EXTENDED, '2024-07-03T20:00:00-04:00', 2 * H, '2024-07-05T08:00:00-04:00'],
    ['NY 24/7 across the spring gap is real time', NEW_YORK_24X7, '2024-03-10T01:30:00-05:00', 60 * M, '2024-03-10T03:30:00-04:00'],
    ['NY 24/7 a day across fall back is 24 real hours', NEW_YORK_24X7, '2024-11-03T00:00:00-04:00', 24 * H, '2024-11-03T23:00:00-05:00'],
    ['UTC 24/7 across midnight', UTC_24X7, '2024-03-04T23:30:00Z', 60 * M, '2024-03-05T00:30:00+00:00'],
    ['Tokyo holiday is the local date, not the UTC date', TOKYO_24X7_HOLIDAY, '2024-12-24T14:00:00Z', 2 * H, '2024-12-26T01:00:00+09:00'],
    ['Berlin night desk on spring-forward night', BERLIN_NIGHTS, '2024-03-30T21:00:00Z', 4 * H, '2024-03-31T03:00:00+02:00'],
    ['Berlin 7 h spring night used up exactly at 06:00', BERLIN_NIGHTS, '2024-03-30T21:00:00Z', 7 * H, '2024-03-31T22:00:00+02:00'],
    ['Berlin 9 h fall night', BERLIN_NIGHTS, '2024-10-26T20:00:00Z', 9 * H, '2024-10-27T22:00:00+01:00'],
    ['Lord Howe: 01:00 LHST plus an hour is the 30-minute jump', LORD_HOWE, '2024-10-06T00:00:00+10:30', 60 * M, '2024-10-06T02:30:00+11:00'],
    ['Lord Howe fall back: two hours from the first 01:00', LORD_HOWE, '2024-04-07T00:00:00+11:00', 2 * H, '2024-04-07T02:30:00+10:30'],
    ['Lord Howe fall back: 2.5 h window used up at its close', LORD_HOWE, '2024-04-07T00:00:00+11:00', 150 * M, '2024-04-08T09:00:00+10:30'],
  ] as const)('%s', (_case, calendar, start, seconds, expected) => {
    expect(due(calendar, start, seconds)).toBe(expected);
  });

  it('holiday on the date an overnight window starts drops the whole window', () => {
    const saturdayOff = { ...NEW_YORK_EXTENDED, holidays: ['2024-03-09'] };
    expect(due(saturdayOff, '2024-03-09T12:00:00-05:00', 0)).toBe('2024-03-11T07:00:00-04:00');
  });

  it('holiday on the date an overnight window runs into does not', () => {
    const sundayOff = { ...NEW_YORK_EXTENDED, holidays: ['2024-03-10'] };
    expect(due(sundayOff, '2024-03-09T12:00:00-05:00', 0)).toBe('2024-03-09T22:00:00-05:00');
  });

  describe('nonexistent and ambiguous local times', () => {
    it('02:30 on New York spring-forward night is 03:30', () => {
      const calendar = { timezone: 'America/New_York', hours: { sun: [['02:30', '04:00']] } } satisfies CalendarSpec;
      expect(due(calendar, '2024-03-10T00:00:00-05:00', 0)).toBe('2024-03-10T03:30:00-04:00');
      expect(elapsed(calendar, '2024-03-10T00:00:00-05:00', '2024-03-11T00:00:00-04:00')).toBe(30 * M);
    });

    it('02:05 in Lord Howe spring-forward gap is 02:35', () => {
      const calendar = { timezone: 'Australia/Lord_Howe', hours: { sun: [['02:05', '03:00']] } } satisfies CalendarSpec;
      expect(due(calendar, '2024-10-05T12:00:00Z', 0)).toBe('2024-10-06T02:35:00+11:00');
      expect(elapsed(calendar, '2024-10-05T12:00:00Z', '2024-10-06T12:00:00Z')).toBe(25 * M);
    });

    it('a window that comes out empty in the gap is skipped', () => {
      const calendar = { timezone: 'America/New_York', hours: { sun: [['02:30', '03:15']] } } satisfies CalendarSpec;
      expect(due(calendar, '2024-03-10T00:00:00-05:00', 0)).toBe('2024-03-17T02:30:00-04:00');
    });

    it('an ambiguous fall-back time means its first occurrence', () => {
      const calendar = { timezone: 'America/New_York', hours: { sun: [['01:30', '02:30']] } } satisfies CalendarSpec;
      expect(due(calendar, '2024-11-02T12:00:00-04:00', 0)).toBe('2024-11-03T01:30:00-04:00');
      expect(elapsed(calendar, '2024-11-02T12:00:00-04:00', '2024-11-04T00:00:00-05:00')).toBe(2 * H);
    });
  });

  describe('pauses', () => {
    it('a pause across midnight on a 24/7 calendar', () => {
      expect(due(UTC_24X7, '2024-03-04T20:00:00Z', 6 * H, [['2024-03-04T22:00:00Z', '2024-03-05T02:00:00Z']])).toBe('2024-03-05T06:00:00+00:00');
    });

    it('a pause across midnight inside a night window', () => {
      expect(due(BERLIN_NIGHTS, '2024-01-15T22:00:00+01:00', 2 * H, [['2024-01-15T23:30:00+01:00', '2024-01-16T00:30:00+01:00']])).toBe(
        '2024-01-16T01:00:00+01:00',
      );
    });

    it('pauses may overlap each other and closed hours', () => {
      const pauses: [string, string][] = [
        ['2024-01-15T20:00:00+01:00', '2024-01-15T22:30:00+01:00'],
        ['2024-01-15T22:15:00+01:00', '2024-01-15T22:45:00+01:00'],
        ['2024-01-15T23:30:00+01:00', '2024-01-16T00:30:00+01:00'],
      ];
      expect(due(BERLIN_NIGHTS, '2024-01-15T21:00:00+01:00', 2 * H, pauses)).toBe('2024-01-16T01:45:00+01:00');
    });

    it('a pause over the start and an empty pause', () => {
      const pauses: [string, string][] = [
        ['2024-03-11T08:00:00+01:00', '2024-03-11T10:00:00+01:00'],
        ['2024-03-11T11:00:00+01:00', '2024-03-11T11:00:00+01:00'],
      ];
      expect(due(BERLIN_OFFICE, '2024-03-11T09:30:00+01:00', 60 * M, pauses)).toBe('2024-03-11T11:00:00+01:00');
    });

    it('a target used up when a pause begins is due when it ends', () => {
      expect(due(UTC_24X7, '2024-03-04T20:00:00Z', 2 * H, [['2024-03-04T22:00:00Z', '2024-03-05T02:00:00Z']])).toBe('2024-03-05T02:00:00+00:00');
    });

    it('an open-ended pause before the target is used up means no due instant yet', () => {
      const calendar = parseCalendar(UTC_24X7);
      expect(dueInstant(calendar, instant('2024-03-04T20:00:00Z'), 3 * H, pauseList([[instant('2024-03-04T21:00:00Z'), Infinity]]))).toBe(Infinity);
    });

    it('rejects a negative target', () => {
      expect(() => dueInstant(parseCalendar(UTC_24X7), 0, -1)).toThrow(RangeError);
    });
  });
});

describe('elapsed business time', () => {
  it.each([
    ['a Berlin week across spring forward is 40 h', BERLIN_OFFICE, '2024-03-25T00:00:00+01:00', '2024-04-01T00:00:00+02:00', 40 * H],
    ['a Berlin week across fall back is 40 h', BERLIN_OFFICE, '2024-10-21T00:00:00+02:00', '2024-10-28T00:00:00+01:00', 40 * H],
    ['Tuesday with a lunch break', BERLIN_LUNCH, '2024-03-12T00:00:00+01:00', '2024-03-13T00:00:00+01:00', 7 * H],
    ['NY night shift on spring-forward night is 7 h', NEW_YORK_EXTENDED, '2024-03-09T00:00:00-05:00', '2024-03-10T12:00:00-04:00', 7 * H],
    ['NY night shift on fall-back night is 9 h', NEW_YORK_EXTENDED, '2024-11-02T00:00:00-04:00', '2024-11-03T12:00:00-05:00', 9 * H],
    ['NY spring-forward day is 23 h on 24/7', NEW_YORK_24X7, '2024-03-10T00:00:00-05:00', '2024-03-11T00:00:00-04:00', 23 * H],
    ['NY fall-back day is 25 h on 24/7', NEW_YORK_24X7, '2024-11-03T00:00:00-04:00', '2024-11-04T00:00:00-05:00', 25 * H],
    ['Berlin fall night desk is 9 h', BERLIN_NIGHTS, '2024-10-26T12:00:00Z', '2024-10-27T12:00:00Z', 9 * H],
    ['Tokyo holiday starts at local midnight (15:00 UTC)', TOKYO_24X7_HOLIDAY, '2024-12-24T12:00:00Z', '2024-12-24T18:00:00Z', 3 * H],
    ['Lord Howe Sunday 01:00-03:00 on the spring-forward night is 1.5 h', LORD_HOWE, '2024-10-05T12:00:00Z', '2024-10-06T12:00:00Z', 90 * M],
    ['Lord Howe Sunday 01:00-03:00 on the fall-back night is 2.5 h', LORD_HOWE, '2024-04-06T12:00:00Z', '2024-04-07T12:00:00Z', 150 * M],
    ['Lord Howe ordinary Sunday is 2 h', LORD_HOWE, '2024-04-13T12:00:00Z', '2024-04-14T12:00:00Z', 2 * H],
    ['a partial window, to the second', BERLIN_OFFICE, '2024-03-11T16:59:58+01:00', '2024-03-12T09:00:03+01:00', 5],
    ['an empty or reversed range is zero', BERLIN_OFFICE, '2024-03-12T10:00:00+01:00', '2024-03-12T09:00:00+01:00', 0],
  ] as const)('%s', (_case, calendar, from, to, expected) => {
    expect(elapsed(calendar, from, to)).toBe(expected);
  });

  it('subtracts pauses across midnight once, even where they overlap', () => {
    const pauses: [string, string][] = [
      ['2024-03-04T22:00:00Z', '2024-03-05T02:00:00Z'],
      ['2024-03-05T01:00:00Z', '2024-03-05T03:00:00Z'],
    ];
    expect(elapsed(UTC_24X7, '2024-03-04T20:00:00Z', '2024-03-05T06:00:00Z', pauses)).toBe(5 * H);
  });
});
