import { create } from 'zustand';
import { FIRST_QUEUE_VIEW, type QueueView } from '../../shared/domain/queue-view.ts';
import type { TicketKey, TicketSummary } from '../../shared/domain/ticket.ts';
import { triageHost } from '../host/triage-host.ts';
import { PAGE_SIZE, pageOf, RowPages } from '../queue/row-pages.ts';

/** What the queue lists: a view, or the tickets matching a search. */
export type RowSource = { readonly kind: 'view'; readonly view: QueueView } | { readonly kind: 'search'; readonly query: string };

/** Why the rows last changed: another view or search, a push that refreshed them, or more pages of the same rows. */
export type RowsChange = 'source' | 'refresh' | 'pages';

export type RowsLoad = { state: 'loading' } | { state: 'ready' } | { state: 'error'; message: string };

/** The selected ticket and its row when rows are asked for: the answer says where it is now. */
export interface RowAnchor {
  readonly key: string;
  readonly index: number;
}

interface RowsState {
  /** What was asked for last. */
  source: RowSource;
  /** What the rows held are of: the last source whose answer arrived (null before the first). */
  rowsSource: RowSource | null;
  /** How the last request of `source` went. */
  load: RowsLoad;
  /** Rows in the whole view or search; only some pages of them are held. */
  total: number;
  pages: RowPages;
  change: RowsChange;
  /** Where the core found the anchor when the rows last changed source or refreshed (index null: not in them). */
  located: { key: string; index: number | null } | null;
}

/** Rows fetched beyond each edge of the screen, so j/k and scrolling find them there. */
const AHEAD_ROWS = PAGE_SIZE;

/**
 * The rows the queue shows, a page cache over the core's answers: the pages around the screen are fetched as it
 * scrolls; a push refetches the pages on screen in one request and swaps them in at once, so rows never blank.
 */
export const useRowsStore = create<RowsState>()(() => ({
  source: { kind: 'view', view: FIRST_QUEUE_VIEW },
  rowsSource: null,
  load: { state: 'loading' },
  total: 0,
  pages: RowPages.EMPTY,
  change: 'source',
  located: null,
}));

/** Bumped by each new source or refresh: answers for an older one are dropped. */
let generation = 0;
/** Pages of this generation being fetched. */
const fetching = new Set<number>();
/** The rows on screen as the queue last said, and the selected row, which stays in the cache. */
let onScreen = { start: 0, end: PAGE_SIZE / 2, keep: 0 };

// Account ids never hold ":" (shared/settings/account-config.ts), so the key's first ":" ends the account.
function ticketKeyOf(key: string): TicketKey {
  const colon = key.indexOf(':');
  return { accountId: key.slice(0, colon), sourceId: key.slice(colon + 1) };
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

async function fetchRows(source: RowSource, offset: number, limit: number, anchor: RowAnchor | null) {
  const host = triageHost();
  if (!host) throw new Error('This page has no Triage Desk host. Open it with "npm start" or "npm run web".');
  const locate = anchor === null ? undefined : ticketKeyOf(anchor.key);
  return source.kind === 'view'
    ? host.listTickets({ view: source.view, offset, limit, locate })
    : host.searchTickets({ query: source.query, offset, limit, locate });
}

/**
 * Fetches rows `start` to `end` and, when the anchor turns out to be elsewhere, the rows around where it went,
 * shifted as it moved (a re-sort keeps the engineer's ticket where it was on screen). Null when overtaken.
 */
async function fetchWindow(source: RowSource, start: number, end: number, anchor: RowAnchor | null, mine: number) {
  const offset = pageOf(Math.max(0, start)) * PAGE_SIZE;
  const first = await fetchRows(source, offset, Math.max(1, Math.ceil((end - offset) / PAGE_SIZE)) * PAGE_SIZE, anchor);
  if (mine !== generation) return null;
  let pages = RowPages.from(offset, first.tickets);
  const located = anchor === null ? null : { key: anchor.key, index: first.located };
  if (anchor !== null && first.located !== null) {
    // Only the rows the screen needs before the swap; the pages around them follow through wantRows.
    const shift = first.located - anchor.index;
    const missing = pages.missing(start + shift, end + shift, first.total);
    if (missing.length > 0) {
      const from = missing[0]![0];
      const last = missing.at(-1)!;
      const more = await fetchRows(source, from, last[0] + last[1] - from, null);
      if (mine !== generation) return null;
      pages = pages.merge(RowPages.from(from, more.tickets));
    }
  }
  return { total: first.total, pages, located };
}

/**
 * Lists `source` from now on; `anchor` is the selected ticket, kept selected if the new rows hold it. The rows shown
 * stay until the new ones arrive, then are swapped at once: no blank frame, no "Loading" in between.
 */
export async function showRows(source: RowSource, anchor: RowAnchor | null): Promise<void> {
  const mine = ++generation;
  fetching.clear();
  useRowsStore.setState({ source, load: { state: 'loading' } });
  try {
    // One page on the way to the first paint; the pages around it follow once it is on screen.
    const window = await fetchWindow(source, 0, PAGE_SIZE, anchor, mine);
    if (window === null) return;
    useRowsStore.setState({ ...window, rowsSource: source, load: { state: 'ready' }, change: 'source' });
  } catch (error) {
    if (mine === generation) useRowsStore.setState({ load: { state: 'error', message: messageOf(error) } });
  }
}

/** Fetches the rows on screen again (a push changed them), keeping the old ones shown until the new ones arrive. */
export async function refreshRows(anchor: RowAnchor | null): Promise<void> {
  const { source, load } = useRowsStore.getState();
  if (load.state !== 'ready') {
    await showRows(source, anchor);
    return;
  }
  const mine = ++generation;
  fetching.clear();
  try {
    const window = await fetchWindow(source, onScreen.start - AHEAD_ROWS, onScreen.end + AHEAD_ROWS, anchor, mine);
    if (window === null) return;
    useRowsStore.setState({ ...window, change: 'refresh' });
    wantRows(onScreen.start, onScreen.end, onScreen.keep);
  } catch (error) {
    // A failed refresh keeps the rows shown; the next push or reconnection tries again.
    if (mine === generation) console.error('triage: the queue could not be refreshed', error);
  }
}

/** The queue shows rows `start` to `end` (exclusive) and `keep` is selected: fetches what is missing around them. */
export function wantRows(start: number, end: number, keep: number): void {
  onScreen = { start, end, keep };
  const { load, total, pages, source } = useRowsStore.getState();
  if (load.state !== 'ready') return;
  const mine = generation;
  for (const [offset, limit] of pages.missing(start - AHEAD_ROWS, end + AHEAD_ROWS, total)) {
    const wanted: number[] = [];
    for (let row = offset; row < offset + limit; row += PAGE_SIZE) if (!fetching.has(pageOf(row))) wanted.push(pageOf(row));
    if (wanted.length === 0) continue;
    for (const page of wanted) fetching.add(page);
    const from = wanted[0]! * PAGE_SIZE;
    fetchRows(source, from, (wanted.at(-1)! + 1) * PAGE_SIZE - from, null).then(
      (answer) => {
        if (mine !== generation) return;
        for (const page of wanted) fetching.delete(page);
        const current = useRowsStore.getState();
        const merged = current.pages.with(from, answer.tickets).trim((onScreen.start + onScreen.end) >> 1, onScreen.keep);
        useRowsStore.setState({ pages: merged, total: answer.total, change: 'pages' });
      },
      (error: unknown) => {
        if (mine !== generation) return;
        for (const page of wanted) fetching.delete(page);
        console.error('triage: rows could not be fetched', error);
      },
    );
  }
}

/** The row's ticket if its page is held. */
export function rowAt(index: number): TicketSummary | undefined {
  return useRowsStore.getState().pages.rowAt(index);
}
