/**
 * GET /api/v2/tickets/{id}/comments.json with cursor pagination (page[size] <= 100, page[after], page[before],
 * sort=created_at|-created_at), answering {comments, meta: {has_more, after_cursor, before_cursor}, links:
 * {prev, next}} like the live recordings.
 */

import type { ApiResult } from './cursor-export.ts';
import { serializeComment } from './serialize.ts';
import type { TicketStore } from './store.ts';

const MAX_PAGE = 100;

function encodePosition(index: number): string {
  return Buffer.from(JSON.stringify({ o: 'created_at,id', v: Buffer.from(String(index)).toString('base64') })).toString('base64');
}

function decodePosition(cursor: string): number | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || !('v' in parsed) || typeof parsed.v !== 'string') return null;
    const text = Buffer.from(parsed.v, 'base64').toString('utf8');
    if (!/^\d{1,9}$/.test(text)) return null;
    return Number(text);
  } catch {
    return null;
  }
}

function badPage(description: string): ApiResult {
  return { status: 400, body: { error: 'InvalidPaginationParameter', description } };
}

export function ticketComments(store: TicketStore, baseUrl: string, ticketId: number, query: URLSearchParams): ApiResult {
  const ticket = store.tickets.get(ticketId);
  if (!ticket || ticket.status === 'deleted') return { status: 404, body: { error: 'RecordNotFound', description: 'Not found' } };
  const sizeRaw = query.get('page[size]');
  let size = MAX_PAGE;
  if (sizeRaw !== null) {
    if (!/^\d+$/.test(sizeRaw) || Number(sizeRaw) < 1) return badPage('page[size] must be a positive integer');
    size = Math.min(MAX_PAGE, Number(sizeRaw));
  }
  const sort = query.get('sort') ?? 'created_at';
  if (sort !== 'created_at' && sort !== '-created_at') return badPage('sort must be created_at or -created_at');
  const all = store.comments(ticket);
  // Positions are indexes in display order (ascending, or descending with sort=-created_at).
  const ordered = sort === 'created_at' ? all : [...all].reverse();
  let start = 0;
  let end: number;
  const after = query.get('page[after]');
  const before = query.get('page[before]');
  if (after !== null) {
    const pos = decodePosition(after);
    if (pos === null) return badPage('page[after] is not a valid cursor');
    start = pos + 1;
    end = Math.min(ordered.length, start + size);
  } else if (before !== null) {
    const pos = decodePosition(before);
    if (pos === null) return badPage('page[before] is not a valid cursor');
    end = Math.min(ordered.length, pos);
    start = Math.max(0, end - size);
  } else {
    end = Math.min(ordered.length, size);
  }
  start = Math.min(start, ordered.length);
  end = Math.max(start, end);
  const page = ordered.slice(start, end);
  const hasMore = end < ordered.length;
  const afterCursor = page.length > 0 ? encodePosition(end - 1) : null;
  const beforeCursor = page.length > 0 ? encodePosition(start) : null;
  const link = (key: string, cursor: string | null): string | null => {
    if (cursor === null) return null;
    const q = new URLSearchParams();
    q.set(key, cursor);
    q.set('page[size]', String(size));
    if (sort !== 'created_at') q.set('sort', sort);
    return `${baseUrl}/api/v2/tickets/${ticketId}/comments.json?${q.toString()}`;
  };
  return {
    status: 200,
    body: {
      comments: page.map((c) => serializeComment(c, store.users.get(c.authorId))),
      meta: { has_more: hasMore, after_cursor: afterCursor, before_cursor: beforeCursor },
      links: { prev: start > 0 ? link('page[before]', beforeCursor) : null, next: hasMore ? link('page[after]', afterCursor) : null },
    },
  };
}
