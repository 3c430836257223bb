// The queue's order of every stored ticket, kept in memory: sorting 100,000 rows in SQLite for each page of a view
// took 100-600 ms on two cores, while filtering this array takes a few. The store answers views, pages and searches
// from it (stored-queue-order.ts keeps it in step); SQLite then reads only the rows of the page asked for.

/** What the queue's order and its views need of a ticket. */
export interface QueueOrderEntry {
  /** The ticket's row id in the store. */
  readonly id: number;
  readonly accountId: string;
  readonly sourceId: string;
  /** New, open, pending or on hold: in the views (search shows solved tickets too). */
  readonly open: boolean;
  readonly severity: string | null;
  readonly assigneeId: string | null;
  /** Epoch seconds of the next due, null while every clock is held or met. */
  readonly dueAt: number | null;
  /** Epoch seconds at which the next due turns at risk. */
  readonly dueRiskAt: number | null;
  /** Epoch seconds of the oldest unanswered customer message. */
  readonly waitingSince: number | null;
}

/**
 * Due first (so breached first), then the most urgent severity, then the customer who has waited longest; tickets
 * whose clocks are all held or met come last; the row id settles ties so the order is total.
 */
export function compareQueueOrder(a: QueueOrderEntry, b: QueueOrderEntry): number {
  return (
    compareNullsLast(a.dueAt, b.dueAt) ||
    compareText(a.severity ?? 'P9', b.severity ?? 'P9') ||
    compareNullsLast(a.waitingSince, b.waitingSince) ||
    a.id - b.id
  );
}

function compareNullsLast(a: number | null, b: number | null): number {
  if (a === null) return b === null ? 0 : 1;
  return b === null ? -1 : a - b;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Up to this many changes are spliced in one by one; more are merged in one pass over the whole order. */
const PLACED_ONE_BY_ONE = 64;

function mergeSorted(a: readonly QueueOrderEntry[], b: readonly QueueOrderEntry[]): QueueOrderEntry[] {
  const merged: QueueOrderEntry[] = new Array<QueueOrderEntry>(a.length + b.length);
  let i = 0;
  let j = 0;
  for (let k = 0; k < merged.length; k++) merged[k] = j >= b.length || (i < a.length && compareQueueOrder(a[i]!, b[j]!) <= 0) ? a[i++]! : b[j++]!;
  return merged;
}

/** The stored tickets that are not deleted, in the queue's order. */
export class QueueOrder {
  readonly #byId = new Map<number, QueueOrderEntry>();
  #sorted: QueueOrderEntry[] | null = null;
  /** Each view's or search's tickets as last asked for, until the next update. */
  readonly #subsets = new Map<string, { variant: string; entries: readonly QueueOrderEntry[] }>();

  constructor(entries: Iterable<QueueOrderEntry>) {
    for (const entry of entries) this.#byId.set(entry.id, entry);
  }

  /** Takes the tickets as they are now: `entry` for a stored one, null for one deleted or gone. */
  update(changes: ReadonlyMap<number, QueueOrderEntry | null>): void {
    const sorted = this.#sorted;
    if (sorted !== null && changes.size <= PLACED_ONE_BY_ONE) {
      for (const id of changes.keys()) {
        const old = this.#byId.get(id);
        if (old !== undefined) sorted.splice(this.#position(sorted, old), 1);
      }
      for (const entry of changes.values()) if (entry !== null) sorted.splice(this.#position(sorted, entry), 0, entry);
    } else if (sorted !== null) {
      // A sync page's worth: one pass that drops the changed tickets and merges them back in, sorted.
      const kept = sorted.filter((entry) => !changes.has(entry.id));
      const placed = [...changes.values()].filter((entry) => entry !== null).sort(compareQueueOrder);
      this.#sorted = mergeSorted(kept, placed);
    }
    for (const [id, entry] of changes) {
      if (entry === null) this.#byId.delete(id);
      else this.#byId.set(id, entry);
    }
    this.#subsets.clear();
  }

  get size(): number {
    return this.#byId.size;
  }

  /** Every ticket in the queue's order; the same array until the next update. */
  ordered(): readonly QueueOrderEntry[] {
    this.#sorted ??= [...this.#byId.values()].sort(compareQueueOrder);
    return this.#sorted;
  }

  /**
   * The tickets `keep` holds, in order. Kept until the next update under `name`, for as long as it is asked with the
   * same `variant` (the instant of Breaching soon, a search's words), so the pages of one view filter once.
   */
  subset(name: string, variant: string, keep: () => (entry: QueueOrderEntry) => boolean): readonly QueueOrderEntry[] {
    const cached = this.#subsets.get(name);
    if (cached?.variant === variant) return cached.entries;
    const entries = this.ordered().filter(keep());
    this.#subsets.set(name, { variant, entries });
    return entries;
  }

  /** Where `entry` is, or would go, in `sorted` (binary search). */
  #position(sorted: readonly QueueOrderEntry[], entry: QueueOrderEntry): number {
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compareQueueOrder(sorted[middle]!, entry) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
