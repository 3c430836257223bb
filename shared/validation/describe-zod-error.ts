// Validation errors as one line naming each bad field, e.g.
// `calendar.hours.mon[0][1]: "25:00" is not a time HH:MM (00:00-24:00)`.
import type { z } from 'zod';

type Path = readonly PropertyKey[];

export function fieldName(path: Path): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('');
}

function describe(issue: z.core.$ZodIssue): string[] {
  const at = (path: Path, message: string): string => (path.length === 0 ? message : `${fieldName(path)}: ${message}`);
  if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => at([...issue.path, key], 'unknown field'));
  if (issue.code === 'invalid_type' && issue.message.endsWith('received undefined')) return [at(issue.path, 'missing')];
  return [at(issue.path, issue.message)];
}

export function describeZodError(error: z.ZodError): string {
  return error.issues.flatMap(describe).join('; ');
}
