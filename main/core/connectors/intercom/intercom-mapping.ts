import type { Severity, TicketStatus } from '../../../../shared/domain/ticket.ts';
import type { INTERCOM_BASE_URLS } from '../../../../shared/settings/account-config.ts';
import { deletedTicket, type SyncedOrganization, type SyncedPerson, type SyncedTicket } from '../../sync/sync-page.ts';
import type {
  ConversationState,
  IntercomAdmin,
  IntercomAuthor,
  IntercomCompany,
  IntercomContact,
  IntercomConversation,
  PriorityLevel,
} from './intercom-payloads.ts';
import { htmlToText } from '../message-text.ts';

const SEVERITY_OF_PRIORITY: Record<PriorityLevel, Severity | null> = { urgent: 'P1', high: 'P2', medium: 'P3', low: 'P4', none: null };

export function severityOfPriority(priority: PriorityLevel | null | undefined): Severity | null {
  return priority == null ? null : SEVERITY_OF_PRIORITY[priority];
}

const PRIORITY_OF_SEVERITY: Record<Severity, PriorityLevel> = { P1: 'urgent', P2: 'high', P3: 'medium', P4: 'low' };

/** The priority a severity is written as: the inverse of severityOfPriority. */
export function priorityOfSeverity(severity: Severity): PriorityLevel {
  return PRIORITY_OF_SEVERITY[severity];
}

/**
 * Intercom has no "new": a conversation nobody has answered yet is open, and its first-response clock says it is
 * unanswered. Snoozed is pending until the snooze ends; closed is closed.
 */
const STATUS_OF_STATE: Record<ConversationState, TicketStatus> = { open: 'open', snoozed: 'pending', closed: 'closed' };

export function statusOfState(state: ConversationState): TicketStatus {
  return STATUS_OF_STATE[state];
}

/**
 * The state a status is written as. Pending and on-hold wait on someone else: snoozed, which the customer's reply
 * ends early. Solved and closed are one state in Intercom.
 */
const STATE_OF_STATUS: Record<TicketStatus, ConversationState> = { new: 'open', open: 'open', pending: 'snoozed', hold: 'snoozed', solved: 'closed', closed: 'closed' };

export function stateOfStatus(status: TicketStatus): ConversationState {
  return STATE_OF_STATUS[status];
}

/** Unix seconds as the store's timestamp: UTC, second precision, `Z`. */
export function isoFromUnix(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export type AuthorKind = 'customer' | 'teammate' | 'bot';

/**
 * Contacts (users, leads) are the customer; admins and teams the support team; bots and Fin are automation. Older
 * payloads show Intercom's Operator as an admin, known by its operator+APP@intercom.io address.
 */
export function authorKindOf(author: IntercomAuthor | null | undefined): AuthorKind | null {
  if (!author) return null;
  if (author.type === 'user' || author.type === 'lead' || author.type === 'contact') return 'customer';
  if (author.type === 'bot' || author.from_ai_agent === true || /^operator\+[^@]*@intercom\.io$/i.test(author.email ?? '')) return 'bot';
  return 'teammate';
}


const SUBJECT_FROM_TEXT_LENGTH = 80;

/**
 * Intercom has no required subject: the title a teammate gave, else the email's subject, else the start of the first
 * message (Messenger conversations have neither).
 */
export function subjectOf(conversation: IntercomConversation): string {
  const title = conversation.title?.trim();
  if (title) return title;
  const subject = htmlToText(conversation.source.subject ?? '').replace(/\s+/g, ' ');
  if (subject) return subject;
  const text = htmlToText(conversation.source.body ?? '').replace(/\s+/g, ' ');
  return text.length <= SUBJECT_FROM_TEXT_LENGTH ? text : `${text.slice(0, SUBJECT_FROM_TEXT_LENGTH - 1).trimEnd()}…`;
}

/** The contact who started the conversation: the first of its contacts, else the source's author if a contact. */
export function requesterIdOf(conversation: IntercomConversation): string | null {
  const first = conversation.contacts?.contacts[0]?.id;
  if (first) return first;
  const author = conversation.source.author;
  return authorKindOf(author) === 'customer' ? (author?.id ?? null) : null;
}

const INBOX_HOSTS: Record<(typeof INTERCOM_BASE_URLS)[number], string> = {
  'https://api.intercom.io': 'https://app.intercom.com',
  'https://api.eu.intercom.io': 'https://app.eu.intercom.com',
  'https://api.au.intercom.io': 'https://app.au.intercom.com',
};

/**
 * The teammate inbox's address of conversations, for the regional hosts; null for anything else (a simulator or a
 * proxy, whose workspace has no inbox to open).
 */
export function inboxBaseUrl(apiBaseUrl: string, appId: string | null): string | null {
  const host = INBOX_HOSTS[apiBaseUrl.replace(/\/+$/, '') as keyof typeof INBOX_HOSTS];
  return host === undefined || appId === null ? null : `${host}/a/inbox/${encodeURIComponent(appId)}/inbox/conversation/`;
}

export function mapIntercomConversation(conversation: IntercomConversation, inboxBase: string | null, raw: unknown): SyncedTicket {
  return {
    sourceId: conversation.id,
    subject: subjectOf(conversation),
    description: htmlToText(conversation.source.body ?? ''),
    status: statusOfState(conversation.state),
    deleted: false,
    severity: severityOfPriority(conversation.priority),
    requesterId: requesterIdOf(conversation),
    organizationId: companyIdOf(conversation.company),
    assigneeId: conversation.admin_assignee_id,
    tags: (conversation.tags?.tags ?? []).map((tag) => tag.name).sort(),
    createdAt: isoFromUnix(conversation.created_at),
    updatedAt: isoFromUnix(conversation.updated_at),
    url: inboxBase === null ? null : `${inboxBase}${conversation.id}`,
    raw,
  };
}

/** The id of the conversation's company, when it carries one (`company` is nullable and checked on its own). */
function companyIdOf(company: unknown): string | null {
  if (company === null || typeof company !== 'object' || !('id' in company)) return null;
  const id = (company as { id: unknown }).id;
  return typeof id === 'string' && id !== '' ? id : null;
}

/** A deleted conversation: Intercom keeps only its id and when, so the store keeps its row and takes it out of the queue. */
export function deletedConversation(id: string, deletedAt: number, raw: unknown): SyncedTicket {
  return deletedTicket({ sourceId: id, at: isoFromUnix(deletedAt), url: null, raw });
}

export function mapIntercomContact(contact: IntercomContact, raw: unknown): SyncedPerson {
  return {
    sourceId: contact.id,
    name: contact.name ?? '',
    email: contact.email ?? '',
    role: contact.role,
    organizationId: contact.companies?.data[0]?.id ?? null,
    updatedAt: contact.updated_at == null ? null : isoFromUnix(contact.updated_at),
    raw,
  };
}

export function mapIntercomCompany(company: IntercomCompany, raw: unknown): SyncedOrganization {
  const plan = company.plan?.name?.trim();
  return {
    sourceId: company.id,
    name: company.name ?? '',
    plan: plan ? plan : null,
    updatedAt: company.updated_at == null ? null : isoFromUnix(company.updated_at),
    raw,
  };
}

export function mapIntercomAdmin(admin: IntercomAdmin, raw: unknown): SyncedPerson {
  return { sourceId: admin.id, name: admin.name ?? '', email: admin.email ?? '', role: 'admin', organizationId: null, updatedAt: null, raw };
}
