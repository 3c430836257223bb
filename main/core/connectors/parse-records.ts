import type { z } from 'zod';
import { describeZodError } from '../../../shared/validation/describe-zod-error.ts';
import type { QuarantinedRecord } from '../sync/sync-page.ts';

/** Validates records one by one: the good ones go on, the bad ones go to quarantine with the reason. */
export function parseEach<T extends z.ZodType>(
  records: unknown[],
  schema: T,
  kind: QuarantinedRecord['kind'],
  quarantined: QuarantinedRecord[],
): [z.infer<T>, unknown][] {
  const good: [z.infer<T>, unknown][] = [];
  records.forEach((raw, index) => {
    const parsed = schema.safeParse(raw);
    if (parsed.success) good.push([parsed.data, raw]);
    else quarantined.push({ kind, sourceId: sourceIdOf(raw) ?? `unknown-${index}`, error: describeZodError(parsed.error), raw });
  });
  return good;
}

function sourceIdOf(raw: unknown): string | null {
  if (raw !== null && typeof raw === 'object' && 'id' in raw) {
    const id = (raw as { id: unknown }).id;
    if (typeof id === 'number' || typeof id === 'string') return String(id);
  }
  return null;
}
