/**
 * GET /api/v2/search/export.json: Export Search Results, the search agents may use where the incremental exports
 * are admin-only. `filter[type]` names the one result type (only `ticket` is simulated) and must not also appear as
 * `type:` in the query; results come ordered by created_at (ticket ids grow with creation time, so by id), cursor
 * paginated with `page[size]` (at most 1000, default 100) and `page[after]`, answering {results, facets, meta:
 * {has_more, after_cursor, before_cursor}, links: {prev, next}}. A cursor expires an hour after it was given.
 *
 * The query understands what a sync needs: `created` and `updated` compared with `:`, `<`, `<=`, `>`, `>=` to an
 * ISO date (the whole UTC day: `updated>2026-11-20` starts the next day) or date and time (to the second), and
 * `status:` (or `<`, `>` in Zendesk's order new < open < pending < hold < solved < closed). Anything else answers 400.
 * Deleted tickets are never found. The index lags like Zendesk's: a ticket changed less than `indexLagMs` ago is
 * not found yet (the searchIndexLagMs fault knob).
 */

import type { ApiResult } from './cursor-export.ts';
import { serializeTicket } from './serialize.ts';
import type { TicketStore } from './store.ts';
import type { TicketRecord, ZendeskStatus } from './types.ts';

const DEFAULT_PAGE = 100;
const MAX_PAGE = 1000;
export const CURSOR_LIFETIME_MS = 60 * 60_000;
const DAY_MS = 86_400_000;
const STATUS_ORDER: readonly ZendeskStatus[] = ['new', 'open', 'pending', 'hold', 'solved', 'closed'];

type Operator = ':' | '<' | '<=' | '>' | '>=';
type Condition = (t: TicketRecord) => boolean;

function invalid(description: string): ApiResult {
  return { status: 400, body: { error: 'InvalidSearchParameter', description } };
}

/** A date alone is its whole UTC day; a date and time is that second. Returns [first ms, last ms] or null. */
function parseInstant(value: string): [number, number] | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const start = Date.parse(`${value}T00:00:00Z`);
    return Number.isNaN(start) ? null : [start, start + DAY_MS - 1];
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})$/.test(value)) return null;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return null;
  const second = Math.floor(at / 1000) * 1000;
  return [second, second + 999];
}

function compare(operator: Operator, value: number, [first, last]: [number, number]): boolean {
  switch (operator) {
    case ':':
      return value >= first && value <= last;
    case '<':
      return value < first;
    case '<=':
      return value <= last;
    case '>':
      return value > last;
    case '>=':
      return value >= first;
  }
}

/** The query's terms as one condition, or the reason it is not understood. */
function parseQuery(query: string): Condition | string {
  const conditions: Condition[] = [];
  for (const term of query.trim().split(/\s+/).filter(Boolean)) {
    const match = /^(created|updated|status|type)(:|<=|>=|<|>)(.+)$/.exec(term);
    if (!match) return `the simulator's search understands created, updated and status comparisons only, not "${term}"`;
    const [, field, operator, value] = match as unknown as [string, string, Operator, string];
    if (field === 'type') return 'type is given by filter[type], not in the query';
    if (field === 'status') {
      const rank = STATUS_ORDER.indexOf(value as ZendeskStatus);
      if (rank < 0) return `unknown status ${value}`;
      conditions.push((t) => {
        const own = STATUS_ORDER.indexOf(t.status as ZendeskStatus);
        return operator === ':' ? own === rank : compare(operator, own, [rank, rank]);
      });
      continue;
    }
    const span = parseInstant(value);
    if (span === null) return `${field} takes a date (2026-11-20) or a date and time (2026-11-20T12:00:00Z), not ${value}`;
    conditions.push(field === 'created' ? (t) => compare(operator, t.createdAt, span) : (t) => compare(operator, t.updatedAt, span));
  }
  if (conditions.length === 0) return 'query is required';
  return (t) => conditions.every((condition) => condition(t));
}

interface ExportCursor {
  /** The query it continues. */
  q: string;
  /** The id of the last ticket served. */
  id: number;
  /** When it was given (simulator clock, epoch ms). */
  at: number;
}

function encodeCursor(cursor: ExportCursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

function decodeCursor(raw: string): ExportCursor | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { q, id, at } = parsed as Record<string, unknown>;
    return typeof q === 'string' && Number.isSafeInteger(id) && Number.isSafeInteger(at) ? { q, id: id as number, at: at as number } : null;
  } catch {
    return null;
  }
}

export function searchExport(store: TicketStore, baseUrl: string, query: URLSearchParams, indexLagMs: number): ApiResult {
  const type = query.get('filter[type]');
  if (type === null) return invalid('filter[type] is required (ticket, organization, user or group)');
  if (type !== 'ticket') return invalid(`the simulator exports tickets only, not ${type}`);
  const sizeRaw = query.get('page[size]');
  if (sizeRaw !== null && (!/^\d+$/.test(sizeRaw) || Number(sizeRaw) < 1)) return invalid('page[size] must be a positive integer');
  const size = Math.min(MAX_PAGE, sizeRaw === null ? DEFAULT_PAGE : Number(sizeRaw));

  const now = store.now();
  let text = query.get('query') ?? '';
  let afterId = 0;
  const after = query.get('page[after]');
  if (after !== null) {
    const cursor = decodeCursor(after);
    if (cursor === null) return { status: 400, body: { error: 'InvalidPaginationParameter', description: 'page[after] is not a valid cursor' } };
    if (now - cursor.at > CURSOR_LIFETIME_MS) return { status: 400, body: { error: 'InvalidPaginationParameter', description: 'The cursor has expired' } };
    text = cursor.q;
    afterId = cursor.id;
  }
  const condition = parseQuery(text);
  if (typeof condition === 'string') return invalid(condition);

  const results: TicketRecord[] = [];
  let hasMore = false;
  for (const t of store.tickets.values()) {
    if (t.id <= afterId || t.status === 'deleted' || now - t.updatedAt < indexLagMs || !condition(t)) continue;
    if (results.length === size) {
      hasMore = true;
      break;
    }
    results.push(t);
  }
  const last = results[results.length - 1];
  const afterCursor = last ? encodeCursor({ q: text, id: last.id, at: now }) : null;
  const next = hasMore && afterCursor !== null ? new URLSearchParams({ query: text, 'filter[type]': type, 'page[size]': String(size), 'page[after]': afterCursor }) : null;
  return {
    status: 200,
    body: {
      results: results.map((t) => ({ ...serializeTicket(t, baseUrl, store.users.get(t.requesterId), false), result_type: 'ticket' })),
      facets: null,
      meta: { has_more: hasMore, after_cursor: afterCursor, before_cursor: null },
      links: { prev: null, next: next === null ? null : `${baseUrl}/api/v2/search/export.json?${next.toString()}` },
    },
  };
}
