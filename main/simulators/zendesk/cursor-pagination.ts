/**
 * Cursor pagination of the ordinary list endpoints (comments, audits): page[size] <= 100, page[after],
 * page[before], answering meta {has_more, after_cursor, before_cursor} and links {prev, next} like the live
 * recordings. Cursors are opaque base64 positions in the list as displayed.
 */

import type { ApiResult } from './cursor-export.ts';

export const MAX_PAGE = 100;

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

export function badPage(description: string): ApiResult {
  return { status: 400, body: { error: 'InvalidPaginationParameter', description } };
}

export interface CursorPage<T> {
  items: T[];
  meta: { has_more: boolean; after_cursor: string | null; before_cursor: string | null };
  links: { prev: string | null; next: string | null };
}

/**
 * One page of `ordered` for the request's page[...] parameters, or a 400. Links point at `path` with the page
 * size and the `keep` parameters (e.g. a non-default sort).
 */
export function cursorPage<T>(ordered: readonly T[], query: URLSearchParams, path: string, keep: Record<string, string> = {}): CursorPage<T> | ApiResult {
  const sizeRaw = query.get('page[size]');
  let size = MAX_PAGE;
  if (sizeRaw !== null) {
    if (!/^\d+$/.test(sizeRaw) || Number(sizeRaw) < 1) return badPage('page[size] must be a positive integer');
    size = Math.min(MAX_PAGE, Number(sizeRaw));
  }
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
  const items = ordered.slice(start, end);
  const hasMore = end < ordered.length;
  const afterCursor = items.length > 0 ? encodePosition(end - 1) : null;
  const beforeCursor = items.length > 0 ? encodePosition(start) : null;
  const link = (key: string, cursor: string | null): string | null => {
    if (cursor === null) return null;
    const q = new URLSearchParams();
    q.set(key, cursor);
    q.set('page[size]', String(size));
    for (const [k, v] of Object.entries(keep)) q.set(k, v);
    return `${path}?${q.toString()}`;
  };
  return {
    items,
    meta: { has_more: hasMore, after_cursor: afterCursor, before_cursor: beforeCursor },
    links: { prev: start > 0 ? link('page[before]', beforeCursor) : null, next: hasMore ? link('page[after]', afterCursor) : null },
  };
}
