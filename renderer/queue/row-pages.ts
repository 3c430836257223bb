// The queue's rows that the window holds: pages of a view or of a search, fetched around what is on screen, so a
// view of 100,000 tickets costs the memory of a few hundred. Pure, so it is unit-tested on Node.
import { type TicketSummary, ticketKeyString } from '../../shared/domain/ticket.ts';

/** Rows per page: a screen is 20-40 rows, so a page and its neighbours cover scrolling a few screens ahead. */
export const PAGE_SIZE = 100;
/** The most pages held at once (about 2,000 rows): the ones nearest to the screen and the selection stay. */
export const MAX_PAGES = 20;

export const pageOf = (row: number): number => Math.floor(row / PAGE_SIZE);

/** A page cache keyed by page number (row offset / PAGE_SIZE). Immutable: each change makes a new one. */
export class RowPages {
  static readonly EMPTY = new RowPages(new Map());

  readonly #pages: ReadonlyMap<number, readonly TicketSummary[]>;

  private constructor(pages: ReadonlyMap<number, readonly TicketSummary[]>) {
    this.#pages = pages;
  }

  /** Pages made from `rows` starting at row `offset` (a multiple of PAGE_SIZE); the last one may be short. */
  static from(offset: number, rows: readonly TicketSummary[]): RowPages {
    return RowPages.EMPTY.with(offset, rows);
  }

  get size(): number {
    return this.#pages.size;
  }

  has(page: number): boolean {
    return this.#pages.has(page);
  }

  rowAt(row: number): TicketSummary | undefined {
    return this.#pages.get(pageOf(row))?.[row % PAGE_SIZE];
  }

  keyAt(row: number): string | undefined {
    const ticket = this.rowAt(row);
    return ticket === undefined ? undefined : ticketKeyString(ticket);
  }

  /** These pages plus `rows` from row `offset` (a multiple of PAGE_SIZE), which replace what was there. */
  with(offset: number, rows: readonly TicketSummary[]): RowPages {
    const pages = new Map(this.#pages);
    for (let start = 0; start < rows.length; start += PAGE_SIZE) pages.set(pageOf(offset + start), rows.slice(start, start + PAGE_SIZE));
    return new RowPages(pages);
  }

  /** The pages of `other` added to these (theirs win). */
  merge(other: RowPages): RowPages {
    return new RowPages(new Map([...this.#pages, ...other.#pages]));
  }

  /** At most MAX_PAGES pages: `keep`'s page, then the nearest to row `center`. */
  trim(center: number, keep: number): RowPages {
    if (this.#pages.size <= MAX_PAGES) return this;
    const centerPage = pageOf(center);
    const keepPage = pageOf(keep);
    const kept = [...this.#pages.keys()]
      .sort((a, b) => Number(b === keepPage) - Number(a === keepPage) || Math.abs(a - centerPage) - Math.abs(b - centerPage))
      .slice(0, MAX_PAGES);
    return new RowPages(new Map(kept.map((page) => [page, this.#pages.get(page)!])));
  }

  /**
   * Runs of pages missing to cover rows `start` to `end` (exclusive) of `total`, as row ranges `[offset, limit]`,
   * so each run is one request.
   */
  missing(start: number, end: number, total: number): [number, number][] {
    const runs: [number, number][] = [];
    const last = pageOf(Math.max(0, Math.min(end, total) - 1));
    for (let page = pageOf(Math.max(0, start)); page <= last && page * PAGE_SIZE < total; page++) {
      if (this.#pages.has(page)) continue;
      const run = runs.at(-1);
      if (run !== undefined && run[0] + run[1] === page * PAGE_SIZE) run[1] += PAGE_SIZE;
      else runs.push([page * PAGE_SIZE, PAGE_SIZE]);
    }
    return runs;
  }
}
