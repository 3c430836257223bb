/**
 * GET /api/v2/deleted_tickets.json: the deleted tickets (agents may list them), cursor paginated like the other
 * lists (page[size] <= 100, page[after]), `sort_by` id, created_at, updated_at or deleted_at and `sort_order`
 * asc (default) or desc. Each item is {id, subject, description, actor {id, name}, previous_state, deleted_at}.
 */

import type { ApiResult } from './cursor-export.ts';
import { badPage, cursorPage } from './cursor-pagination.ts';
import type { TicketStore } from './store.ts';
import { isoSeconds } from './text.ts';
import type { TicketRecord } from './types.ts';

const SORT_KEYS: Readonly<Record<string, (t: TicketRecord) => number>> = {
  id: (t) => t.id,
  created_at: (t) => t.createdAt,
  // A deletion is the ticket's last update.
  updated_at: (t) => t.updatedAt,
  deleted_at: (t) => t.updatedAt,
};

export function deletedTickets(store: TicketStore, baseUrl: string, query: URLSearchParams): ApiResult {
  const sortBy = query.get('sort_by') ?? 'created_at';
  const sortOrder = query.get('sort_order') ?? 'asc';
  const key = SORT_KEYS[sortBy];
  if (!key) return badPage(`sort_by must be one of ${Object.keys(SORT_KEYS).join(', ')}`);
  if (sortOrder !== 'asc' && sortOrder !== 'desc') return badPage('sort_order must be asc or desc');
  const deleted = [...store.tickets.values()].filter((t) => t.status === 'deleted');
  deleted.sort((a, b) => key(a) - key(b) || a.id - b.id);
  if (sortOrder === 'desc') deleted.reverse();
  const page = cursorPage(deleted, query, `${baseUrl}/api/v2/deleted_tickets.json`, { sort_by: sortBy, sort_order: sortOrder });
  if (!('items' in page)) return page;
  return {
    status: 200,
    body: {
      deleted_tickets: page.items.map((t) => {
        const deletion = store.audits(t).findLast((audit) => audit.events.some((e) => e.type === 'Change' && e.field === 'status' && e.value === 'deleted'));
        const change = deletion?.events.find((e) => e.type === 'Change' && e.field === 'status');
        const actor = deletion === undefined ? undefined : store.users.get(deletion.authorId);
        return {
          id: t.id,
          subject: t.subject,
          description: t.description,
          actor: { id: actor?.id ?? null, name: actor?.name ?? 'Unknown' },
          previous_state: change?.type === 'Change' ? change.previous : null,
          deleted_at: isoSeconds(t.updatedAt),
        };
      }),
      meta: page.meta,
      links: page.links,
    },
  };
}
