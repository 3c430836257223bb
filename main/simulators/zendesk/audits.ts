/**
 * GET /api/v2/tickets/{id}/audits.json: a ticket's history, oldest first, with cursor pagination like
 * comments.json (page[size] <= 100, page[after], page[before]). Answers {audits, meta: {has_more, after_cursor,
 * before_cursor}, links: {prev, next}}; each audit is shaped like the go-zendesk ticket_audits fixture.
 */

import type { ApiResult } from './cursor-export.ts';
import { cursorPage } from './cursor-pagination.ts';
import { serializeAudit } from './serialize.ts';
import type { TicketStore } from './store.ts';

export function ticketAudits(store: TicketStore, baseUrl: string, ticketId: number, query: URLSearchParams): ApiResult {
  const ticket = store.tickets.get(ticketId);
  if (!ticket || ticket.status === 'deleted') return { status: 404, body: { error: 'RecordNotFound', description: 'Not found' } };
  const page = cursorPage(store.audits(ticket), query, `${baseUrl}/api/v2/tickets/${ticketId}/audits.json`);
  if (!('items' in page)) return page;
  const comments = store.comments(ticket);
  return {
    status: 200,
    body: { audits: page.items.map((a) => serializeAudit(a, comments, store.users.get(a.authorId))), meta: page.meta, links: page.links },
  };
}
