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

/**
 * Which tickets a view or a search holds. A view filters 100,000 tickets in a few milliseconds once its code is hot, but
 * 15-20 in a worker that filters it for the first time while the window renders, so a subset is kept and follows updates.
 */
export interface SubsetRule {
  keep(entry: QueueOrderEntry): boolean;
  /**
   * For a subset that changes with the clock (Breaching soon): the epoch second from which `keep` may answer otherwise
   * for `entry`, null when never. The subset serves until the first such instant after it was taken.
   */
  changesAt?(entry: QueueOrderEntry): number | null;
  /** Taken again after any update instead of following it (a search: the update changed the search index too). */
  retakeAfterUpdates?: boolean;
}

interface Subset {
  variant: string;
  rule: SubsetRule;
  readonly entries: QueueOrderEntry[];
  /** The epoch second it was taken at, and until which it holds. */
  takenAt: number;
  until: number;
}

/** Up to this many changes are spliced in one by one; more are merged in one pass over the whole order. */
const PLACED_ONE_BY_ONE = 64;

/**
 * Views follow updates of up to this many tickets; after a bigger one they are filtered again when asked. A splice
 * moves up to 100,000 entries: 64 changes spliced into the order and seven views took 50 ms, against 1-20 ms for
 * filtering the one view asked for again (a pass over entries scattered in memory).
 */
const FOLLOWED_BY_VIEWS = 8;

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
  /** Each view's or search's tickets as last asked for, kept in step with updates (see SubsetRule). */
  readonly #subsets = new Map<string, Subset>();

  constructor(entries: Iterable<QueueOrderEntry>) {
    for (const entry of entries) this.#byId.set(entry.id, entry);
  }

  /** Takes the tickets as they are now: `entry` for a stored one, null for one deleted or gone. */
  update(changes: ReadonlyMap<number, QueueOrderEntry | null>): void {
    const sorted = this.#sorted;
    if (sorted !== null && changes.size <= PLACED_ONE_BY_ONE) {
      this.#place(sorted, changes, () => true);
    } else if (sorted !== null) {
      // A sync page's worth: one pass that drops the changed tickets and merges them back in, sorted.
      const kept = sorted.filter((entry) => !changes.has(entry.id));
      const placed = [...changes.values()].filter((entry) => entry !== null).sort(compareQueueOrder);
      this.#sorted = mergeSorted(kept, placed);
    }
    for (const [name, subset] of this.#subsets) {
      if (subset.rule.retakeAfterUpdates === true || changes.size > FOLLOWED_BY_VIEWS) this.#subsets.delete(name);
      else this.#followUpdate(subset, changes);
    }
    for (const [id, entry] of changes) {
      if (entry === null) this.#byId.delete(id);
      else this.#byId.set(id, entry);
    }
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
   * The tickets `rule` keeps, in order. Kept under `name` for as long as it is asked with the same `variant` (a search's
   * words, the agent of Mine) and, for a rule that follows the clock, until its tickets change at `nowSeconds`.
   */
  subset(name: string, variant: string, rule: () => SubsetRule, nowSeconds: number): readonly QueueOrderEntry[] {
    const cached = this.#subsets.get(name);
    if (cached?.variant === variant && nowSeconds >= cached.takenAt && nowSeconds < cached.until) return cached.entries;
    const taken = rule();
    const entries = this.ordered().filter((entry) => taken.keep(entry));
    const subset: Subset = { variant, rule: taken, entries, takenAt: nowSeconds, until: Number.POSITIVE_INFINITY };
    if (taken.changesAt) for (const entry of this.ordered()) this.#noteChange(subset, entry);
    this.#subsets.set(name, subset);
    return entries;
  }

  /**
   * The row of ticket `id` in `entries` (the whole order or one of its subsets, all in the queue's order), or -1 when
   * it is not there: a binary search, as a scan of 100,000 entries took a view switch 10-25 ms in a cold worker.
   */
  rowOf(entries: readonly QueueOrderEntry[], id: number): number {
    const entry = this.#byId.get(id);
    if (entry === undefined) return -1;
    const row = this.#position(entries, entry);
    return entries[row]?.id === id ? row : -1;
  }

  /** Called before #byId takes the changes: the old entries are found where they were. */
  #followUpdate(subset: Subset, changes: ReadonlyMap<number, QueueOrderEntry | null>): void {
    this.#place(subset.entries, changes, (entry) => subset.rule.keep(entry));
    for (const entry of changes.values()) if (entry !== null) this.#noteChange(subset, entry);
  }

  /** Removes the changed tickets' old entries from `sorted` and inserts the new ones that `keep` holds, in order. */
  #place(sorted: QueueOrderEntry[], changes: ReadonlyMap<number, QueueOrderEntry | null>, keep: (entry: QueueOrderEntry) => boolean): void {
    for (const id of changes.keys()) {
      const old = this.#byId.get(id);
      if (old === undefined) continue;
      const row = this.#position(sorted, old);
      if (sorted[row]?.id === id) sorted.splice(row, 1);
    }
    for (const entry of changes.values()) if (entry !== null && keep(entry)) sorted.splice(this.#position(sorted, entry), 0, entry);
  }

  #noteChange(subset: Subset, entry: QueueOrderEntry): void {
    const at = subset.rule.changesAt?.(entry) ?? null;
    if (at !== null && at > subset.takenAt && at < subset.until) subset.until = at;
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
