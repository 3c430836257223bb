import type { TicketFieldChanges } from '../../../../shared/domain/outbox-entry.ts';

/** Help Scout has no priority field: severity is one of the tags p1 to p4, in any case. */
const SEVERITY_TAG = /^p[1-4]$/i;

/**
 * The full tag set a conversation should carry after `changes`, from the tags it carries now (PUT replaces the set).
 * Tags are case-insensitive in Help Scout: a removal matches any case, an added tag already there in another case is
 * kept as it is. A severity leaves exactly one severity tag. Applied to its own result it changes nothing, so a
 * resumed write computes the same set again.
 */
export function tagsAfterChange(current: readonly string[], changes: Pick<TicketFieldChanges, 'addTags' | 'removeTags' | 'severity'>): string[] {
  const removed = new Set((changes.removeTags ?? []).map((tag) => tag.toLowerCase()));
  const kept = current.filter((tag) => !removed.has(tag.toLowerCase()) && !(changes.severity !== undefined && SEVERITY_TAG.test(tag)));
  const added = [...(changes.addTags ?? []), ...(changes.severity === undefined ? [] : [changes.severity.toLowerCase()])];
  const result = [...kept];
  for (const tag of added) if (!result.some((have) => have.toLowerCase() === tag.toLowerCase())) result.push(tag);
  return result;
}

/** The same tags for Help Scout, whatever their case and order. */
export function sameTagSet(a: readonly string[], b: readonly string[]): boolean {
  const lower = (tags: readonly string[]) => new Set(tags.map((tag) => tag.toLowerCase()));
  const left = lower(a);
  const right = lower(b);
  return left.size === right.size && [...left].every((tag) => right.has(tag));
}
