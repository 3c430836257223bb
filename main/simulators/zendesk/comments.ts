/**
 * GET /api/v2/tickets/{id}/comments.json with cursor pagination (page[size] <= 100, page[after], page[before],
 * sort=created_at|-created_at), answering {comments, meta: {has_more, after_cursor, before_cursor}, links:
 * {prev, next}} like the live recordings.
 */

import type { ApiResult } from './cursor-export.ts';
import { badPage, cursorPage } from './cursor-pagination.ts';
import { serializeComment } from './serialize.ts';
import type { TicketStore } from './store.ts';

export function ticketComments(store: TicketStore, baseUrl: string, ticketId: number, query: URLSearchParams): ApiResult {
  const ticket = store.tickets.get(ticketId);
  if (!ticket || ticket.status === 'deleted') return { status: 404, body: { error: 'RecordNotFound', description: 'Not found' } };
  const sort = query.get('sort') ?? 'created_at';
  if (sort !== 'created_at' && sort !== '-created_at') return badPage('sort must be created_at or -created_at');
  const all = store.comments(ticket);
  // Positions are indexes in display order (ascending, or descending with sort=-created_at).
  const ordered = sort === 'created_at' ? all : [...all].reverse();
  const page = cursorPage(ordered, query, `${baseUrl}/api/v2/tickets/${ticketId}/comments.json`, sort === 'created_at' ? {} : { sort });
  if (!('items' in page)) return page;
  return {
    status: 200,
    body: { comments: page.items.map((c) => serializeComment(c, store.users.get(c.authorId))), meta: page.meta, links: page.links },
  };
}
