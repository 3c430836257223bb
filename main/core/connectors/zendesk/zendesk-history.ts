// A Zendesk ticket update (an audit) as events of the normalized history the SLA engine reads. Who made the update
// decides what it means: an end-user's public comment is a customer message, an agent's a reply; a priority set by
// the customer is the customer's claimed severity, one set by an agent (or a team's trigger) the responder's.
import type { TicketEvent } from '../../../../shared/domain/ticket-event.ts';
import { TicketStatus } from '../../../../shared/domain/ticket.ts';
import type { SyncedMessage, SyncedTicketEvent } from '../../sync/sync-page.ts';
import { severityOfPriority, toUtcSeconds } from './zendesk-mapping.ts';
import type { ZendeskAudit, ZendeskAuditEvent } from './zendesk-payloads.ts';

/** What the connector knows of a Zendesk user: an end-user is a customer; agents and admins are the team. */
export type ZendeskAuthor = 'customer' | 'agent';

/** Zendesk's id for updates made by the system itself (triggers, automations). */
const SYSTEM_USER_ID = -1;

/** The users whose role decides what an audit means: its updater and its comments' authors. */
export function authorsOf(audit: ZendeskAudit): number[] {
  const ids = new Set<number>();
  const updater = audit.updater_id ?? audit.author_id;
  if (updater != null && updater !== SYSTEM_USER_ID) ids.add(updater);
  for (const child of childrenOf(audit)) if (child.author_id != null && child.author_id !== SYSTEM_USER_ID) ids.add(child.author_id);
  return [...ids];
}

export interface ZendeskAuditHistory {
  events: SyncedTicketEvent[];
  messages: SyncedMessage[];
}

export function mapZendeskAudit(audit: ZendeskAudit, authorOf: (userId: number) => ZendeskAuthor | undefined): ZendeskAuditHistory {
  const at = audit.created_at != null ? toUtcSeconds(audit.created_at) : toUtcSeconds(new Date((audit.timestamp ?? 0) * 1000).toISOString());
  const updaterId = audit.updater_id ?? audit.author_id ?? null;
  const automated = updaterId === SYSTEM_USER_ID || isAutomatedVia(audit.via);
  // Unknown updaters count as the team: only someone known to be an end-user speaks for the customer.
  const byCustomer = !automated && updaterId !== null && authorOf(updaterId) === 'customer';
  const children = childrenOf(audit);
  const ticketSourceId = String(audit.ticket_id);
  const events: SyncedTicketEvent[] = [];
  const messages: SyncedMessage[] = [];
  const push = (eventId: string, event: TicketEvent): void => {
    events.push({ ticketSourceId, eventId, event });
  };
  const keep = (messageId: string, child: ZendeskAuditEvent, kind: SyncedMessage['kind'], authorId: number | null): void => {
    const html = child.html_body || (child.body == null ? null : plainToHtml(child.body));
    if (html !== null) messages.push({ ticketSourceId, messageId, at, kind, authorId: authorId === null || authorId === SYSTEM_USER_ID ? null : String(authorId), html });
  };

  const creates = children.filter((child) => kindOf(child) === 'Create');
  if (creates.length > 0) {
    const status = creates.map((c) => statusOf(fieldValue(c, 'status'))).find((v) => v !== null);
    const priority = creates.map((c) => fieldValue(c, 'priority')).find((v) => typeof v === 'string');
    const tags = creates.map((c) => fieldValue(c, 'tags')).find(isStringArray);
    push(String(audit.id), {
      type: 'created',
      at,
      by: byCustomer || updaterId === null ? 'customer' : 'agent',
      severity: typeof priority === 'string' ? severityOfPriority(priority) : null,
      ...(status ? { status } : {}),
      ...(tags ? { tags } : {}),
    });
  }

  for (const child of children) {
    const eventId = `${audit.id}:${child.id ?? children.indexOf(child)}`;
    const kind = kindOf(child);
    if (kind === 'Comment' || kind === 'VoiceComment') {
      const isPublic = child.public ?? child.comment_public ?? true;
      const authorId = child.author_id ?? updaterId;
      const messageKind: SyncedMessage['kind'] =
        automated || authorId === SYSTEM_USER_ID || isAutomatedVia(child.via)
          ? 'automated'
          : !isPublic
            ? 'note'
            : authorId !== null && authorOf(authorId) === 'customer'
              ? 'customer'
              : 'agent';
      keep(eventId, child, messageKind, authorId);
      // The comment of the creating update is the ticket's first message, which `created` stands for.
      if (creates.length > 0) continue;
      push(eventId, MESSAGE_EVENTS[messageKind](at));
    } else if (kind === 'Change') {
      // "deleted" is not a status the engine knows: the ticket's deleted flag takes it out of the queue.
      const status = statusOf(fieldValue(child, 'status'));
      if (status !== null) push(eventId, { type: 'status_change', at, status });
      const priority = fieldValue(child, 'priority');
      const severity = typeof priority === 'string' ? severityOfPriority(priority) : null;
      const setBy = byCustomer && !isAutomatedVia(child.via) ? 'customer' : 'responder';
      if (severity !== null) push(eventId, { type: 'severity_change', at, severity, setBy });
      const tags = fieldValue(child, 'tags');
      if (isStringArray(tags)) push(eventId, { type: 'tags_change', at, tags });
    }
  }
  return { events, messages };
}

const MESSAGE_EVENTS: Record<SyncedMessage['kind'], (at: string) => TicketEvent> = {
  customer: (at) => ({ type: 'customer_message', at }),
  agent: (at) => ({ type: 'agent_reply', at, public: true }),
  note: (at) => ({ type: 'internal_note', at }),
  automated: (at) => ({ type: 'automated_message', at }),
};

/** A plain-text comment as HTML: escaped, line breaks kept. */
function plainToHtml(text: string): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return `<p>${escaped.replace(/\n/g, '<br>')}</p>`;
}

function childrenOf(audit: ZendeskAudit): ZendeskAuditEvent[] {
  return audit.child_events ?? audit.events ?? [];
}

function kindOf(child: ZendeskAuditEvent): string {
  return child.event_type ?? child.type ?? '';
}

/** The new value of `field` in a Create or Change event of either shape. */
function fieldValue(child: ZendeskAuditEvent, field: string): unknown {
  if (child.field_name != null) return child.field_name === field ? child.value : undefined;
  return (child as Record<string, unknown>)[field];
}

function statusOf(value: unknown): TicketStatus | null {
  const parsed = TicketStatus.safeParse(value);
  return parsed.success ? parsed.data : null;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

// Triggers and automations: "Rule" in the events export, {channel: "rule"} in audits.
function isAutomatedVia(via: unknown): boolean {
  const channel = typeof via === 'string' ? via : via !== null && typeof via === 'object' && 'channel' in via ? (via as { channel: unknown }).channel : null;
  return typeof channel === 'string' && /^(rule|automation)$/i.test(channel);
}
