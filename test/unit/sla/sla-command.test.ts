// `triage-desk sla due|elapsed`: the JSON Lines contract, including errors that name the bad field.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runSlaCommand } from '../../../main/cli/commands/sla.ts';
import { BERLIN_OFFICE } from './calendars.ts';

async function run(args: string[], lines: readonly (string | object)[]): Promise<{ code: number; out: unknown[]; err: string }> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  stdin.end(lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n') + '\n');
  const code = await runSlaCommand(args, { stdin, stdout, stderr, env: {} });
  return { code, out: out.split('\n').filter((l) => l !== '').map((l): unknown => JSON.parse(l)), err };
}

const good = { calendar: BERLIN_OFFICE, start: '2024-03-08T16:00:00+01:00', minutes: 60 };

describe('sla due', () => {
  it('answers each line in order, minutes or seconds, with pauses', async () => {
    const { code, out } = await run(['due'], [
      good,
      { ...good, minutes: undefined, seconds: 3601 },
      { ...good, pauses: [['2024-03-08T15:30:00Z', '2024-03-11T08:30:00Z']] },
      { ...good, minutes: 1.5 },
    ]);
    expect(code).toBe(0);
    expect(out).toEqual([
      { due: '2024-03-11T09:00:00+01:00' },
      { due: '2024-03-11T09:00:01+01:00' },
      { due: '2024-03-11T10:00:00+01:00' },
      { due: '2024-03-08T16:01:30+01:00' },
    ]);
  });

  it.each([
    ['unknown zone', { ...good, calendar: { ...BERLIN_OFFICE, timezone: 'Mars/Olympus' } }, 'calendar.timezone: "Mars/Olympus" is not an IANA time zone'],
    ['25:00', { ...good, calendar: { ...BERLIN_OFFICE, hours: { mon: [['09:00', '25:00']] } } }, 'calendar.hours.mon[0][1]: "25:00" is not a time HH:MM (00:00-24:00)'],
    ['zero-length window', { ...good, calendar: { ...BERLIN_OFFICE, hours: { tue: [['09:00', '17:00'], ['18:00', '18:00']] } } }, 'calendar.hours.tue[1]: window "18:00"-"18:00" has zero length'],
    ['24:00 as a start', { ...good, calendar: { ...BERLIN_OFFICE, hours: { tue: [['24:00', '06:00']] } } }, 'calendar.hours.tue[0][0]: "24:00" can only end a window'],
    ['a calendar never open', { ...good, calendar: { ...BERLIN_OFFICE, hours: { sat: [] } } }, 'calendar.hours: no opening hours on any day'],
    ['misspelt day', { ...good, calendar: { ...BERLIN_OFFICE, hours: { monday: [['09:00', '17:00']], tue: [['09:00', '17:00']] } } }, 'calendar.hours.monday: unknown field'],
    ['holiday not a date', { ...good, calendar: { ...BERLIN_OFFICE, holidays: ['2024-12-25', '2024-02-30'] } }, 'calendar.holidays[1]: "2024-02-30" is not a date YYYY-MM-DD'],
    ['negative target', { ...good, minutes: -5 }, 'minutes: -5 is negative'],
    ['fractional seconds target', { ...good, minutes: undefined, seconds: 2.5 }, 'seconds: 2.5 is not a whole number'],
    ['both minutes and seconds', { ...good, seconds: 60 }, 'minutes: give exactly one of "minutes" and "seconds"'],
    ['start without an offset', { ...good, start: '2024-03-08T16:00:00' }, 'start: "2024-03-08T16:00:00" is not an ISO 8601 instant with an offset (e.g. 2024-03-08T16:30:00Z)'],
    ['pause ending before it starts', { ...good, pauses: [['2024-03-08T16:00:00Z', '2024-03-08T17:00:00Z'], ['2024-03-08T16:00:00Z', '2024-03-08T15:00:00Z']] }, 'pauses[1][1]: the pause ends before it starts'],
    ['missing start', { calendar: BERLIN_OFFICE, minutes: 5 }, 'start: missing'],
  ])('%s: answers an error naming the field and carries on', async (_case, bad, error) => {
    const { code, out } = await run(['due'], [bad, good]);
    expect(code).toBe(0);
    expect(out).toEqual([{ error }, { due: '2024-03-11T09:00:00+01:00' }]);
  });

  it('a line that is not JSON answers an error, carries on, and exits 1', async () => {
    const { code, out } = await run(['due'], ['{"calendar":', '', good]);
    expect(code).toBe(1);
    expect(out).toHaveLength(2);
    expect(out[0]).toMatchObject({ error: expect.stringMatching(/^line 1: not JSON/) as unknown });
    expect(out[1]).toEqual({ due: '2024-03-11T09:00:00+01:00' });
  });
});

describe('sla elapsed', () => {
  it('counts business seconds in [from, to) outside pauses', async () => {
    const week = { calendar: BERLIN_OFFICE, from: '2024-03-25T00:00:00+01:00', to: '2024-04-01T00:00:00+02:00' };
    const { code, out } = await run(['elapsed'], [week, { ...week, pauses: [['2024-03-25T15:00:00Z', '2024-03-26T09:00:00Z']] }]); // Mon 16-17 and Tue 09-10 Berlin
    expect(code).toBe(0);
    expect(out).toEqual([{ seconds: 144_000 }, { seconds: 144_000 - 2 * 3600 }]);
  });

  it('rejects a range that ends before it starts', async () => {
    const { out } = await run(['elapsed'], [{ calendar: BERLIN_OFFICE, from: '2024-03-26T00:00:00Z', to: '2024-03-25T00:00:00Z' }]);
    expect(out).toEqual([{ error: 'to: is before "from"' }]);
  });
});

describe('sla usage', () => {
  it.each([[[]], [['bogus']], [['due', 'extra']]])('%j prints usage and exits 2', async (args) => {
    const { code, out, err } = await run(args, []);
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err).toMatch(/^usage: triage-desk sla due\|elapsed/);
  });
});
