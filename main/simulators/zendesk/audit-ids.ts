/**
 * Ids of audits and of their Create/Change events. A seeded ticket's audits have fixed slots, so its history can be
 * derived again at any time and its comments know their audit without building it; updates made while the
 * simulator runs take ids from a counter above every seeded one, so (time, id) orders them after the seed.
 */

export const SEEDED_AUDIT_ID_BASE = 30_000_000_000;
export const RUNTIME_AUDIT_ID_BASE = 40_000_000_000;
const SLOTS_PER_TICKET = 16;
/** Slot of the automation that closes a solved seeded ticket. */
export const SLOT_AUTOMATION = 14;
/** Slot of the triggers that fired when a seeded ticket was created. */
export const SLOT_TRIGGER = 15;
const EVENTS_PER_AUDIT = 32;

/** The audit of a seeded ticket in `slot`: slot i < 14 holds the thread's i-th comment. */
export function seededAuditId(ticketId: number, slot: number): number {
  return SEEDED_AUDIT_ID_BASE + ticketId * SLOTS_PER_TICKET + slot;
}

/** The id of the `index`-th Create or Change event of an audit (comment events carry their comment's id). */
export function auditEventId(auditId: number, index: number): number {
  if (index < 1 || index >= EVENTS_PER_AUDIT) throw new Error(`audit ${auditId} has no room for event ${index}`);
  return auditId * EVENTS_PER_AUDIT + index;
}
