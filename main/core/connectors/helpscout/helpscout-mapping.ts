import { planTierOf, type Severity, type TicketStatus } from '../../../../shared/domain/ticket.ts';
import type { SyncedOrganization, SyncedPerson, SyncedTicket } from '../../sync/sync-page.ts';
import { toUtcSeconds } from '../zendesk/zendesk-mapping.ts';
import type { HelpScoutConversation, HelpScoutCustomer, HelpScoutOrganization, HelpScoutPersonRef, HelpScoutThread } from './helpscout-payloads.ts';
import { htmlToText } from '../message-text.ts';

const STATUS: Record<HelpScoutConversation['status'], TicketStatus> = { active: 'open', pending: 'pending', closed: 'closed', spam: 'closed' };

/** Help Scout has no priority field: the team tags conversations p1 to p4, in whatever case they type. */
export function severityOfTags(tags: readonly string[]): Severity | null {
  let severity: Severity | null = null;
  for (const tag of tags) {
    const match = /^p([1-4])$/i.exec(tag.trim());
    const found = match ? (`P${match[1]}` as Severity) : null;
    if (found !== null && (severity === null || found < severity)) severity = found;
  }
  return severity;
}

/** Tags are case-insensitive in Help Scout (one tag whatever case it is typed in): kept lower-case, once, sorted. */
export function tagsOf(conversation: HelpScoutConversation): string[] {
  return [...new Set((conversation.tags ?? []).map((t) => t.tag.trim().toLowerCase()).filter((t) => t !== ''))].sort();
}

/**
 * Users and customers are separate id spaces in Help Scout but share the store's people: users get a prefix, so
 * customers keep the id the API takes back (a reply's customer.id).
 */
export function personSourceId(ref: HelpScoutPersonRef): string | null {
  if (ref.id <= 0) return null;
  return ref.type === 'user' ? `user:${ref.id}` : String(ref.id);
}

/**
 * The conversation has no modifiedAt: its latest trace is the newest of its own stamps and its threads'. Every one
 * of them is a change Help Scout made, so this is never later than the modifiedAt its list sorts by.
 */
export function latestTraceOf(conversation: HelpScoutConversation, threads: readonly HelpScoutThread[]): number {
  let latest = Date.parse(conversation.createdAt);
  for (const stamp of [conversation.userUpdatedAt, conversation.closedAt, ...threads.map((t) => t.createdAt)]) {
    if (stamp != null) latest = Math.max(latest, Date.parse(stamp));
  }
  return latest;
}

export interface ConversationContext {
  /** Threads oldest first. */
  threads: readonly HelpScoutThread[];
  /** The customer's organization, when the customer has one. */
  organizationId: string | null;
  /** https://secure.helpscout.net for a real account; null when the API is a local simulator. */
  webBase: string | null;
}

export function mapHelpScoutConversation(conversation: HelpScoutConversation, context: ConversationContext, raw: unknown): SyncedTicket {
  const tags = tagsOf(conversation);
  return {
    sourceId: String(conversation.id),
    subject: conversation.subject ?? '',
    description: htmlToText(descriptionThread(context.threads)?.body ?? ''),
    status: STATUS[conversation.status],
    // Spam and trashed conversations stay in the store; the flag takes them out of the queue.
    deleted: conversation.status === 'spam' || conversation.state === 'deleted',
    severity: severityOfTags(tags),
    requesterId: personSourceId(conversation.primaryCustomer),
    organizationId: context.organizationId,
    assigneeId: conversation.assignee ? personSourceId({ ...conversation.assignee, type: 'user' }) : null,
    tags,
    createdAt: toUtcSeconds(conversation.createdAt),
    updatedAt: toUtcSeconds(new Date(latestTraceOf(conversation, context.threads)).toISOString()),
    url: context.webBase === null ? null : `${context.webBase}/conversation/${conversation.id}`,
    raw,
  };
}

/** The customer's first message; failing that (a logged call, an outbound email), the first thread with a body. */
function descriptionThread(threads: readonly HelpScoutThread[]): HelpScoutThread | undefined {
  const published = threads.filter((t) => t.state !== 'draft' && t.type !== 'lineitem' && t.type !== 'note' && t.body != null);
  return published.find((t) => t.type === 'customer' || t.createdBy?.type === 'customer') ?? published[0];
}

export function mapHelpScoutCustomer(customer: HelpScoutCustomer, raw: unknown): SyncedPerson {
  return {
    sourceId: String(customer.id),
    name: [customer.firstName, customer.lastName].filter((part) => part != null && part !== '').join(' '),
    email: customer._embedded?.emails?.[0]?.value ?? '',
    role: 'end-user',
    organizationId: customer.organizationId == null ? null : String(customer.organizationId),
    updatedAt: customer.updatedAt == null ? null : toUtcSeconds(customer.updatedAt),
    raw,
  };
}

/** A person as a conversation or thread names them, for those the connector does not fetch (users; missing customers). */
export function mapPersonRef(ref: HelpScoutPersonRef, sourceId: string): SyncedPerson {
  return {
    sourceId,
    name: [ref.first, ref.last].filter((part) => part != null && part !== '').join(' '),
    email: ref.email ?? '',
    role: ref.type === 'user' ? 'agent' : 'end-user',
    organizationId: null,
    updatedAt: null,
    raw: ref,
  };
}

export function mapHelpScoutOrganization(org: HelpScoutOrganization, raw: unknown): SyncedOrganization {
  const property = org.properties?.find((p) => p.slug?.toLowerCase() === 'plan' || p.name?.toLowerCase() === 'plan');
  const value = typeof property?.value === 'string' ? property.value.trim() : '';
  return {
    sourceId: String(org.id),
    name: org.name,
    // The plan dropdown says "Enterprise"; the store keeps the tier's name when it is one, as the other helpdesks do.
    plan: value === '' ? null : (planTierOf(value) ?? value),
    updatedAt: org.updatedAt == null ? null : toUtcSeconds(org.updatedAt),
    raw,
  };
}

