/**
 * GET /api/v2/incremental/tickets/cursor.json: the cursor-based incremental ticket export.
 * First call with ?start_time=UNIX, then ?cursor=after_cursor until end_of_stream; the last after_cursor is
 * persisted by the client and polled later. Unlike Zendesk, changes of the last minute are not held back, so
 * the demo is live.
 */

import { RawJson, serializeTicket, type SideloadCache } from './serialize.ts';
import { SEQ_PER_SECOND, type TicketStore } from './store.ts';

export const MAX_PER_PAGE = 1000;

export interface ApiResult {
  status: number;
  body: unknown;
}

/** Opaque cursor in Zendesk's style: base64 of "<generated_timestamp>.0||<sequence>|". */
export function encodeCursor(seq: number): string {
  return Buffer.from(`${Math.floor(seq / SEQ_PER_SECOND)}.0||${seq}|`, 'utf8').toString('base64');
}

export function decodeCursor(cursor: string): number | null {
  if (!/^[A-Za-z0-9+/=_-]+$/.test(cursor)) return null;
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  const match = /^(\d{1,12})\.0\|\|(\d{1,17})\|$/.exec(text);
  if (!match) return null;
  const seq = Number(match[2]);
  if (!Number.isSafeInteger(seq) || Math.floor(seq / SEQ_PER_SECOND) !== Number(match[1])) return null;
  return seq;
}

function invalid(description: string): ApiResult {
  return { status: 400, body: { error: 'InvalidValue', description } };
}

export function incrementalTicketExport(
  store: TicketStore,
  cache: SideloadCache,
  baseUrl: string,
  query: URLSearchParams,
  defaultPerPage: number,
): ApiResult {
  const perPageRaw = query.get('per_page');
  let perPage = defaultPerPage;
  if (perPageRaw !== null) {
    if (!/^\d+$/.test(perPageRaw)) return invalid('per_page must be a positive integer');
    perPage = Number(perPageRaw);
  }
  perPage = Math.min(MAX_PER_PAGE, Math.max(1, perPage));
  const include = new Set((query.get('include') ?? '').split(',').map((s) => s.trim()).filter(Boolean));

  let afterSeq: number;
  const cursor = query.get('cursor');
  const startTime = query.get('start_time');
  if (cursor !== null) {
    const seq = decodeCursor(cursor);
    if (seq === null) return invalid(`Invalid cursor: ${cursor.slice(0, 100)}`);
    afterSeq = seq;
  } else if (startTime !== null) {
    if (!/^\d+$/.test(startTime)) return invalid('start_time must be an integer Unix timestamp in seconds');
    const start = Number(startTime);
    const nowSeconds = Math.floor(store.now() / 1000);
    if (start > nowSeconds) return invalid(`Too recent start_time. start_time ${start} is after the current time ${nowSeconds}`);
    afterSeq = Math.max(0, start * SEQ_PER_SECOND - 1);
  } else {
    return invalid('start_time or cursor is required');
  }

  const page = store.exportAfter(afterSeq, perPage);
  const extra = new URLSearchParams();
  if (perPageRaw !== null) extra.set('per_page', String(perPage));
  if (include.size > 0) extra.set('include', [...include].join(','));
  const urlFor = (c: string): string => {
    const q = new URLSearchParams({ cursor: c });
    for (const [k, v] of extra) q.set(k, v);
    return `${baseUrl}/api/v2/incremental/tickets/cursor.json?${q.toString()}`;
  };
  const afterCursor = encodeCursor(page.lastSeq);
  const beforeCursor = page.firstSeq === null ? null : encodeCursor(Math.max(0, page.firstSeq - 1));

  // The body is spliced from JSON pieces: tickets are serialized once each, users and organizations come from
  // the cache. Key order: tickets, after_url, after_cursor, before_url, before_cursor, end_of_stream, side-loads.
  const parts: string[] = [];
  parts.push(`{"tickets":[${page.tickets.map((t) => JSON.stringify(serializeTicket(t, baseUrl, store.users.get(t.requesterId), true))).join(',')}]`);
  parts.push(`"after_url":${JSON.stringify(urlFor(afterCursor))}`);
  parts.push(`"after_cursor":${JSON.stringify(afterCursor)}`);
  parts.push(`"before_url":${JSON.stringify(beforeCursor === null ? null : urlFor(beforeCursor))}`);
  parts.push(`"before_cursor":${JSON.stringify(beforeCursor)}`);
  parts.push(`"end_of_stream":${page.endOfStream ? 'true' : 'false'}`);
  if (include.has('users')) {
    const ids = new Set<number>();
    for (const t of page.tickets) {
      ids.add(t.requesterId);
      ids.add(t.submitterId);
      if (t.assigneeId !== null) ids.add(t.assigneeId);
    }
    const texts: string[] = [];
    for (const id of ids) {
      const u = store.users.get(id);
      if (u) texts.push(cache.userJson(u, baseUrl));
    }
    parts.push(`"users":[${texts.join(',')}]`);
  }
  if (include.has('organizations')) {
    const ids = new Set<number>();
    for (const t of page.tickets) if (t.organizationId !== null) ids.add(t.organizationId);
    const texts: string[] = [];
    for (const id of ids) {
      const o = store.orgs.get(id);
      if (o) texts.push(cache.orgJson(o, baseUrl));
    }
    parts.push(`"organizations":[${texts.join(',')}]`);
  }
  return { status: 200, body: new RawJson(`${parts.join(',')}}`) };
}
