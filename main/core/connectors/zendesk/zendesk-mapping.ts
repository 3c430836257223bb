import type { Severity, TicketStatus } from '../../../../shared/domain/ticket.ts';
import { deletedTicket, type SyncedOrganization, type SyncedPerson, type SyncedTicket } from '../../sync/sync-page.ts';
import { instantOf, type ZendeskCustomStatus, type ZendeskDeletedTicket, type ZendeskOrganization, type ZendeskTicket, type ZendeskUser } from './zendesk-payloads.ts';

const SEVERITY_OF_PRIORITY: Record<string, Severity> = { urgent: 'P1', high: 'P2', normal: 'P3', low: 'P4' };

export function severityOfPriority(priority: string): Severity | null {
  return SEVERITY_OF_PRIORITY[priority] ?? null;
}

const PRIORITY_OF_SEVERITY: Record<Severity, 'urgent' | 'high' | 'normal' | 'low'> = { P1: 'urgent', P2: 'high', P3: 'normal', P4: 'low' };

/** The Zendesk priority a responder's severity is written as. */
export function priorityOfSeverity(severity: Severity): 'urgent' | 'high' | 'normal' | 'low' {
  return PRIORITY_OF_SEVERITY[severity];
}

const UTC_SECONDS = /^\d{4}-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)Z$/;

/** UTC, second precision, `Z`: the one timestamp form the store and the command line use. */
export function toUtcSeconds(value: string): string {
  // Helpdesks mostly write this form already: one that Date would give back unchanged is returned as it is (Date cost
  // a 100,000-ticket sync about 0.4 s); other forms, and days past the 28th (Date rolls February 30 over), go through it.
  const parts = UTC_SECONDS.exec(value);
  if (parts) {
    const [, month, day, hour, minute, second] = parts.map(Number) as [number, number, number, number, number, number];
    if (month >= 1 && month <= 12 && day >= 1 && day <= 28 && hour <= 23 && minute <= 59 && second <= 59) return value;
  }
  return new Date(value).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const idOrNull = (id: number | null | undefined): string | null => (id == null ? null : String(id));

/**
 * With custom statuses on, a ticket's status is its custom status's category (new, open, pending, hold or solved);
 * a closed ticket stays closed (closed tickets count in the solved category). A custom status the account's list
 * does not name leaves the ticket's own status.
 */
function statusOf(ticket: ZendeskTicket, customStatuses: ReadonlyMap<number, ZendeskCustomStatus>): TicketStatus {
  // A deleted ticket keeps a status for the store's sake; the deleted flag takes it out of every listing.
  if (ticket.status === 'deleted' || ticket.status === 'closed') return 'closed';
  const custom = ticket.custom_status_id == null ? undefined : customStatuses.get(ticket.custom_status_id);
  return custom?.status_category ?? ticket.status;
}

export function mapZendeskTicket(
  ticket: ZendeskTicket,
  agentBaseUrl: string,
  raw: unknown,
  customStatuses: ReadonlyMap<number, ZendeskCustomStatus> = new Map(),
): SyncedTicket {
  const deleted = ticket.status === 'deleted';
  return {
    sourceId: String(ticket.id),
    subject: ticket.subject ?? ticket.raw_subject ?? '',
    description: ticket.description ?? '',
    status: statusOf(ticket, customStatuses),
    deleted,
    severity: ticket.priority ? severityOfPriority(ticket.priority) : null,
    requesterId: idOrNull(ticket.requester_id),
    organizationId: idOrNull(ticket.organization_id),
    assigneeId: idOrNull(ticket.assignee_id),
    tags: [...(ticket.tags ?? [])].sort(),
    createdAt: toUtcSeconds(ticket.created_at),
    updatedAt: toUtcSeconds(ticket.updated_at),
    url: `${agentBaseUrl}/agent/tickets/${ticket.id}`,
    raw,
  };
}

/** A ticket the deleted tickets list names: kept in the store as deleted, newer than any version of it. */
export function deletedZendeskTicket(item: ZendeskDeletedTicket, agentBaseUrl: string, raw: unknown): SyncedTicket {
  const at = toUtcSeconds(new Date(instantOf(item.deleted_at) ?? 0).toISOString());
  return deletedTicket({ sourceId: String(item.id), at, subject: item.subject ?? '', url: `${agentBaseUrl}/agent/tickets/${item.id}`, raw });
}

export function mapZendeskUser(user: ZendeskUser, raw: unknown): SyncedPerson {
  return {
    sourceId: String(user.id),
    name: user.name ?? '',
    email: user.email ?? '',
    role: user.role ?? 'end-user',
    organizationId: idOrNull(user.organization_id),
    updatedAt: user.updated_at ? toUtcSeconds(user.updated_at) : null,
    raw,
  };
}

export function mapZendeskOrganization(org: ZendeskOrganization, planField: string, raw: unknown): SyncedOrganization {
  const plan = org.organization_fields?.[planField];
  return {
    sourceId: String(org.id),
    name: org.name,
    plan: typeof plan === 'string' && plan.trim() !== '' ? plan.trim() : null,
    updatedAt: org.updated_at ? toUtcSeconds(org.updated_at) : null,
    raw,
  };
}
