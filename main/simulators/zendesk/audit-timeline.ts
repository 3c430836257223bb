/**
 * Every ticket's audits in (time, id) order, as three parallel arrays of numbers (a few MB for the 100,000-ticket
 * bench): what the incremental ticket events export pages through. Built once, on first use; new audits are
 * appended as they happen.
 */

export interface TimelineEntry {
  at: number;
  auditId: number;
  ticketId: number;
}

export class AuditTimeline {
  #at: number[] = [];
  #id: number[] = [];
  #ticket: number[] = [];

  /** Sorts entries given in any order. */
  static of(at: number[], auditId: number[], ticketId: number[]): AuditTimeline {
    const order = Array.from({ length: at.length }, (_, i) => i);
    order.sort((a, b) => (at[a] ?? 0) - (at[b] ?? 0) || (auditId[a] ?? 0) - (auditId[b] ?? 0));
    const timeline = new AuditTimeline();
    timeline.#at = order.map((i) => at[i] ?? 0);
    timeline.#id = order.map((i) => auditId[i] ?? 0);
    timeline.#ticket = order.map((i) => ticketId[i] ?? 0);
    return timeline;
  }

  get length(): number {
    return this.#at.length;
  }

  entry(index: number): TimelineEntry {
    return { at: this.#at[index] ?? 0, auditId: this.#id[index] ?? 0, ticketId: this.#ticket[index] ?? 0 };
  }

  /** Epoch ms of the entry at `index`. */
  at(index: number): number {
    return this.#at[index] ?? Infinity;
  }

  /** Index of the first entry at or after `at` (epoch ms), or `length`. */
  firstAtOrAfter(at: number): number {
    let lo = 0;
    let hi = this.#at.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.#at[mid] ?? 0) < at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Adds an audit; new audits come last in practice, so this is a push unless the clock went back. */
  add(at: number, auditId: number, ticketId: number): void {
    let i = this.#at.length;
    while (i > 0 && ((this.#at[i - 1] ?? 0) > at || ((this.#at[i - 1] ?? 0) === at && (this.#id[i - 1] ?? 0) > auditId))) i--;
    if (i === this.#at.length) {
      this.#at.push(at);
      this.#id.push(auditId);
      this.#ticket.push(ticketId);
      return;
    }
    this.#at.splice(i, 0, at);
    this.#id.splice(i, 0, auditId);
    this.#ticket.splice(i, 0, ticketId);
  }
}
