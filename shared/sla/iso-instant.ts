// ISO 8601 instants in and out of the engine's epoch seconds.
// Inputs must carry an offset (Z or ±HH:MM): a bare local time would be ambiguous between the caller's and the
// calendar's zone. Fractions of a second are dropped (floored), since the engine works to the second.
import { z } from 'zod';
import { daysInMonth, epochDayFromCivil, SECONDS_PER_DAY, type EpochSeconds } from './wall-clock.ts';

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:(Z)|([+-])(\d{2}):?(\d{2}))$/;

/** Epoch seconds of an ISO 8601 instant with an offset, or null if the text is not one. */
export function parseIsoInstant(text: string): EpochSeconds | null {
  const m = ISO_INSTANT.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [number, number, number, number, number];
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  let offset = 0;
  if (m[7] === undefined) {
    const offsetHours = Number(m[9]);
    const offsetMinutes = Number(m[10]);
    if (offsetHours > 18 || offsetMinutes > 59) return null;
    offset = (m[8] === '-' ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
  }
  return epochDayFromCivil(year, month, day) * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second - offset;
}

/** Zod schema: an ISO 8601 instant with an offset, parsed to epoch seconds. */
export const IsoInstantSchema = z.string().transform((text, ctx): EpochSeconds => {
  const t = parseIsoInstant(text);
  if (t === null) {
    ctx.addIssue({ code: 'custom', message: `${JSON.stringify(text)} is not an ISO 8601 instant with an offset (e.g. 2024-03-08T16:30:00Z)` });
    return z.NEVER;
  }
  return t;
});
