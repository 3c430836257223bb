// toUtcSeconds returns what Date gives back for every input it accepts, whether it takes its shortcut or not.
import { describe, expect, it } from 'vitest';
import { toUtcSeconds } from '../../../main/core/connectors/zendesk/zendesk-mapping.ts';

const throughDate = (value: string): string => new Date(value).toISOString().replace(/\.\d{3}Z$/, 'Z');

describe('toUtcSeconds', () => {
  it('agrees with Date on plain, rolled-over, offset and fractional timestamps', () => {
    const samples = [
      '2024-03-06T12:00:00Z',
      '0001-01-01T00:00:00Z',
      '2024-02-28T23:59:59Z',
      '2024-02-29T10:00:00Z',
      '2023-02-30T10:00:00Z',
      '2024-04-31T00:00:00Z',
      '2024-12-31T24:00:00Z',
      '2024-03-06T12:00:00.999Z',
      '2024-03-06T14:00:00+02:00',
      '2024-03-06T12:00:00-05:30',
    ];
    for (const value of samples) expect(toUtcSeconds(value)).toBe(throughDate(value));
  });

  it('agrees with Date on random timestamps in the form helpdesks write', () => {
    let seed = 7;
    const next = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const two = (n: number): string => String(n).padStart(2, '0');
    for (let i = 0; i < 5000; i++) {
      const value = `${1990 + next(60)}-${two(1 + next(12))}-${two(1 + next(31))}T${two(next(24))}:${two(next(60))}:${two(next(60))}Z`;
      expect(toUtcSeconds(value)).toBe(throughDate(value));
    }
  });
});
