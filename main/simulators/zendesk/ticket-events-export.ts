/**
 * GET /api/v2/incremental/ticket_events.json?start_time={unix s}[&include=comment_events][&per_page=N]: the
 * time-based incremental export of every ticket's audits (deleted tickets' included), ordered by time then id.
 *
 * Each item is an audit: {id, ticket_id, timestamp, created_at, updater_id, via ("Web form", "Mail", "Rule"...),
 * system, merged_ticket_ids, event_type: "Audit", child_events}. A Create or Change child names its field as a
 * key ({"status": "open", "previous_value": "new"}; tags also list added_tags and removed_tags); comments are
 * child events only with include=comment_events. The answer is {ticket_events, count, end_time, end_of_stream,
 * next_page}: end_time is the last item's timestamp and next_page asks from it, so the items of that second come
 * again (clients dedupe by id). A page never ends inside a second: when it fills up, the rest of its last second
 * comes along, so a second with more than per_page items comes whole, and a client whose page ends on the second
 * it started from moves on to the next second. Like the cursor export, the last minute is not held back.
 */

import type { ApiResult } from './cursor-export.ts';
import { auditValue, commentAt, serializeComment, systemMetadata } from './serialize.ts';
import type { TicketStore } from './store.ts';
import { isoSeconds } from './text.ts';
import type { AuditEventRecord, AuditRecord, AuditValue, CommentRecord, ZendeskTicketEvent } from './types.ts';

export const MAX_EVENTS_PER_PAGE = 1000;

/** The `via` of the events export names the channel the way Zendesk's UI does. */
const VIA_NAMES: Readonly<Record<AuditRecord['channel'], string>> = { web: 'Web form', email: 'Mail', api: 'Web service', rule: 'Rule' };

function invalid(description: string): ApiResult {
  return { status: 422, body: { error: 'InvalidValue', description } };
}

function tagList(v: AuditValue): string[] {
  return Array.isArray(v) ? [...v] : [];
}

function fieldEvent(e: Exclude<AuditEventRecord, { type: 'Comment' }>, audit: AuditRecord): Record<string, unknown> {
  const child: Record<string, unknown> = {
    id: e.id,
    via: VIA_NAMES[e.rule ? 'rule' : audit.channel],
    via_reference_id: e.rule ? e.rule.id : null,
    event_type: e.type,
  };
  if (e.field === 'tags') {
    const tags = tagList(e.value);
    const previous = e.type === 'Change' ? tagList(e.previous) : [];
    child['tags'] = tags;
    child['added_tags'] = tags.filter((tag) => !previous.includes(tag));
    child['removed_tags'] = previous.filter((tag) => !tags.includes(tag));
    if (e.type === 'Change') child['previous_value'] = previous;
    return child;
  }
  child[e.field] = auditValue(e.value);
  if (e.type === 'Change') child['previous_value'] = auditValue(e.previous);
  return child;
}

export function incrementalTicketEvents(store: TicketStore, baseUrl: string, query: URLSearchParams): ApiResult {
  const startRaw = query.get('start_time');
  if (startRaw === null) return invalid('start_time is required');
  if (!/^\d{1,12}$/.test(startRaw)) return invalid('start_time must be a non-negative integer Unix timestamp in seconds');
  const start = Number(startRaw);
  const nowSeconds = Math.floor(store.now() / 1000);
  if (start > nowSeconds) return invalid(`Too recent start_time. start_time ${start} is after the current time ${nowSeconds}`);
  const perPageRaw = query.get('per_page');
  let perPage = MAX_EVENTS_PER_PAGE;
  if (perPageRaw !== null) {
    if (!/^\d{1,9}$/.test(perPageRaw) || Number(perPageRaw) < 1) return invalid('per_page must be a positive integer');
    perPage = Math.min(MAX_EVENTS_PER_PAGE, Number(perPageRaw));
  }
  const include = new Set((query.get('include') ?? '').split(',').map((s) => s.trim()).filter(Boolean));
  const withComments = include.has('comment_events');

  const timeline = store.timeline();
  const first = timeline.firstAtOrAfter(start * 1000);
  let end = Math.min(timeline.length, first + perPage);
  const full = end - first === perPage;
  if (full) {
    const lastSecond = Math.floor(timeline.at(end - 1) / 1000);
    while (end < timeline.length && Math.floor(timeline.at(end) / 1000) === lastSecond) end++;
  }

  // A page holds a few audits of up to per_page tickets: derive each ticket's history (and thread) once.
  const audits = new Map<number, AuditRecord[]>();
  const threads = new Map<number, CommentRecord[]>();
  const items: ZendeskTicketEvent[] = [];
  for (let i = first; i < end; i++) {
    const { auditId, ticketId } = timeline.entry(i);
    const ticket = store.tickets.get(ticketId);
    if (!ticket) throw new Error(`ticket ${ticketId} of audit ${auditId} is gone`);
    let list = audits.get(ticketId);
    if (!list) {
      list = store.auditsView(ticket);
      audits.set(ticketId, list);
    }
    const audit = list.find((a) => a.id === auditId);
    if (!audit) throw new Error(`audit ${auditId} of ticket ${ticketId} is gone`);
    const children: Record<string, unknown>[] = [];
    for (const e of audit.events) {
      if (e.type !== 'Comment') {
        children.push(fieldEvent(e, audit));
        continue;
      }
      if (!withComments) continue;
      let thread = threads.get(ticketId);
      if (!thread) {
        thread = store.commentsView(ticket);
        threads.set(ticketId, thread);
      }
      const c = serializeComment(commentAt(thread, e.index, audit), store.users.get(e.authorId));
      // Shaped after the comment_events example of Zendesk's reference: the comment, with its via as an object.
      children.push({
        id: c.id,
        via: c.via,
        via_reference_id: null,
        type: 'Comment',
        author_id: c.author_id,
        body: c.body,
        html_body: c.html_body,
        plain_body: c.plain_body,
        public: c.public,
        attachments: [],
        audit_id: c.audit_id,
        created_at: c.created_at,
        event_type: 'Comment',
        comment_present: true,
        comment_public: c.public,
      });
    }
    items.push({
      id: audit.id,
      ticket_id: audit.ticketId,
      timestamp: Math.floor(audit.createdAt / 1000),
      created_at: isoSeconds(audit.createdAt),
      updater_id: audit.authorId,
      via: VIA_NAMES[audit.channel],
      system: systemMetadata(audit.channel),
      merged_ticket_ids: [],
      event_type: 'Audit',
      child_events: children,
    });
  }

  const endTime = items[items.length - 1]?.timestamp ?? start;
  const next = new URLSearchParams({ start_time: String(endTime) });
  if (include.size > 0) next.set('include', [...include].join(','));
  if (perPageRaw !== null) next.set('per_page', String(perPage));
  return {
    status: 200,
    body: {
      ticket_events: items,
      count: items.length,
      end_time: endTime,
      end_of_stream: !full,
      next_page: `${baseUrl}/api/v2/incremental/ticket_events.json?${next.toString()}`,
    },
  };
}
