/**
 * Records to the JSON Intercom serves (API 2.16): conversations with their parts, search items, contacts,
 * companies and admins. Timestamps are Unix seconds; ids are strings except the assignee ids, which are integers
 * (0 when nobody is assigned, as the 2.16 description says).
 */

import { APP_ID, APP_NAME, PLAN_IDS, PLAN_NAMES, type Workspace } from './seed.ts';
import type {
  AdminRecord,
  AuthorRef,
  CompanyRecord,
  ContactRecord,
  ConversationRecord,
  IntercomAdmin,
  IntercomCompany,
  IntercomContact,
  IntercomConversation,
  IntercomConversationListItem,
  IntercomConversationPart,
  IntercomConversationStatistics,
  IntercomPartAuthor,
  IntercomTag,
  PartRecord,
  PriorityLevel,
  TagRecord,
} from './types.ts';

/** GET /conversations/{id} returns at most the 500 most recent parts. */
export const PART_LIMIT = 500;
const BOT_IDS = { Operator: '7339999', Fin: '7339998' } as const;
const AVATAR_URL = 'https://static.intercomassets.com/assets/default-avatars/admins/128.png';
const APP_CREATED_AT = 1_650_000_000;

export interface SerializeContext {
  workspace: Workspace;
  /** Intercom-Version 2.16 and later serve five levels; earlier versions only `priority` / `not_priority`. */
  fiveLevelPriority: boolean;
}

export const seconds = (ms: number): number => Math.floor(ms / 1000);

export function priorityFor(level: PriorityLevel, fiveLevels: boolean): string {
  if (fiveLevels) return level;
  return level === 'none' ? 'not_priority' : 'priority';
}

function author(ref: AuthorRef, ws: Workspace): IntercomPartAuthor {
  if (ref.kind === 'bot') {
    return { type: 'bot', id: BOT_IDS[ref.name], name: ref.name, email: `operator+${APP_ID}@intercom.io`, from_ai_agent: ref.name === 'Fin', is_ai_answer: false };
  }
  if (ref.kind === 'admin') {
    const admin = ws.admins.find((a) => a.id === ref.id);
    return { type: 'admin', id: ref.id, name: admin?.name ?? null, email: admin?.email ?? `admin-${ref.id}@example-data.test`, from_ai_agent: false, is_ai_answer: false };
  }
  const contact = ws.contacts.get(ref.id);
  return { type: contact?.role ?? 'user', id: ref.id, name: contact?.name ?? null, email: contact?.email ?? '', from_ai_agent: false, is_ai_answer: false };
}

export function serializePart(p: PartRecord, ws: Workspace): IntercomConversationPart {
  const at = seconds(p.createdAt);
  return {
    type: 'conversation_part',
    id: p.id,
    part_type: p.partType,
    body: p.body,
    created_at: at,
    updated_at: at,
    notified_at: at,
    assigned_to: p.assignedTo,
    author: author(p.author, ws),
    attachments: [],
    external_id: null,
    redacted: false,
    metadata: p.metadata,
    email_message_metadata: null,
    state: p.state,
    tags: [],
    event_details: p.eventDetails,
    app_package_code: p.appPackageCode,
  };
}

/** A tag applied to a conversation, as the conversation and the tagging routes serve it. */
export function serializeTag(t: TagRecord): IntercomTag {
  return { type: 'tag', id: t.id, name: t.name, applied_at: seconds(t.appliedAt), applied_by: { type: 'admin', id: t.appliedBy } };
}

const CUSTOMER_MESSAGES = new Set(['comment', 'open', 'quick_reply']);
const isAdminReply = (p: PartRecord): boolean => p.author.kind === 'admin' && (p.partType === 'comment' || ((p.partType === 'close' || p.partType === 'quick_reply') && p.body !== null));
const isCustomerMessage = (p: PartRecord): boolean => p.author.kind === 'contact' && CUSTOMER_MESSAGES.has(p.partType);
const isAssignment = (p: PartRecord): boolean => p.assignedTo !== null;

/** Since when the customer waits for a teammate's reply: null once a teammate answered or closed. */
export function waitingSince(c: ConversationRecord): number | null {
  if (c.state === 'closed') return null;
  let waiting: number | null = c.createdAt;
  for (const p of c.parts) {
    if (isAdminReply(p)) waiting = null;
    else if (isCustomerMessage(p) && waiting === null) waiting = p.createdAt;
  }
  return waiting === null ? null : seconds(waiting);
}

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/** The reporting statistics; keys whose event has not happened yet are left out (the spec types them non-null). */
export function statistics(c: ConversationRecord): IntercomConversationStatistics {
  const created = seconds(c.createdAt);
  const at = (p: PartRecord | undefined): number | undefined => (p ? seconds(p.createdAt) : undefined);
  const adminReplies = c.parts.filter(isAdminReply);
  const assignments = c.parts.filter(isAssignment);
  const closes = c.parts.filter((p) => p.partType === 'close');
  const customer = c.parts.filter(isCustomerMessage);
  const lastAssignment = assignments[assignments.length - 1];
  const replyDelays: number[] = [];
  let waitingFrom: number | null = c.createdAt;
  for (const p of c.parts) {
    if (isCustomerMessage(p) && waitingFrom === null) waitingFrom = p.createdAt;
    else if (isAdminReply(p) && waitingFrom !== null) {
      replyDelays.push(seconds(p.createdAt) - seconds(waitingFrom));
      waitingFrom = null;
    }
  }
  const lastClose = closes[closes.length - 1];
  const firstAssignmentAt = at(assignments[0]);
  const stats: Record<string, number | string | undefined> = {
    time_to_assignment: firstAssignmentAt === undefined ? undefined : firstAssignmentAt - created,
    time_to_admin_reply: adminReplies[0] ? seconds(adminReplies[0].createdAt) - created : undefined,
    time_to_first_close: closes[0] ? seconds(closes[0].createdAt) - created : undefined,
    time_to_last_close: lastClose ? seconds(lastClose.createdAt) - created : undefined,
    median_time_to_reply: median(replyDelays),
    first_contact_reply_at: created,
    first_assignment_at: firstAssignmentAt,
    first_admin_reply_at: at(adminReplies[0]),
    first_close_at: at(closes[0]),
    last_assignment_at: at(lastAssignment),
    last_assignment_admin_reply_at: lastAssignment ? at(adminReplies.find((p) => p.createdAt >= lastAssignment.createdAt)) : undefined,
    last_contact_reply_at: at(customer[customer.length - 1]) ?? created,
    last_admin_reply_at: at(adminReplies[adminReplies.length - 1]),
    last_close_at: at(lastClose),
    last_closed_by_id: lastClose?.author.kind === 'admin' ? lastClose.author.id : undefined,
    count_reopens: c.parts.filter((p) => p.partType === 'open' || p.partType === 'assign_and_reopen').length,
    count_assignments: assignments.length,
    count_conversation_parts: c.parts.length,
    handling_time: lastClose && firstAssignmentAt !== undefined ? seconds(lastClose.createdAt) - firstAssignmentAt : undefined,
  };
  const out: IntercomConversationStatistics = { type: 'conversation_statistics' };
  for (const [key, value] of Object.entries(stats)) if (value !== undefined) out[key] = value;
  return out;
}

const SLA_TARGET_SECONDS: Readonly<Record<string, number>> = { enterprise: 3600, growth: 8 * 3600 };

export function serializeCompany(company: CompanyRecord): IntercomCompany {
  return {
    type: 'company',
    id: company.id,
    company_id: company.companyId,
    app_id: APP_ID,
    name: company.name,
    remote_created_at: seconds(company.createdAt),
    created_at: seconds(company.createdAt),
    updated_at: seconds(company.updatedAt),
    last_request_at: seconds(company.lastRequestAt),
    plan: { type: 'plan', id: PLAN_IDS[company.plan], name: PLAN_NAMES[company.plan] },
    size: company.size,
    website: `https://${company.domain}`,
    industry: company.industry,
    monthly_spend: company.monthlySpend,
    session_count: company.sessionCount,
    user_count: company.contactIds.length,
    tags: { type: 'tag.list', tags: [] },
    segments: { type: 'segment.list', segments: [] },
    custom_attributes: { api_key_prefix: company.apiKeyPrefix, timezone: company.timeZone.iana },
  };
}

export function serializeListItem(c: ConversationRecord, ctx: SerializeContext): IntercomConversationListItem {
  const ws = ctx.workspace;
  const contact = ws.contacts.get(c.contactId);
  const company = ws.companies.get(c.companyId);
  const teammates = [...new Set(c.parts.flatMap((p) => (p.author.kind === 'admin' ? [p.author.id] : [])))];
  const firstReply = c.parts.find(isAdminReply);
  const slaTarget = company ? SLA_TARGET_SECONDS[company.plan] : undefined;
  return {
    type: 'conversation',
    id: c.id,
    created_at: seconds(c.createdAt),
    updated_at: seconds(c.updatedAt),
    waiting_since: waitingSince(c),
    snoozed_until: c.snoozedUntil === null ? null : seconds(c.snoozedUntil),
    source: {
      type: c.source.type,
      id: c.source.id,
      delivered_as: 'customer_initiated',
      subject: c.source.subject,
      body: c.source.body,
      author: { type: contact?.role ?? 'user', id: c.contactId, name: contact?.name ?? '', email: contact?.email ?? '' },
      attachments: [],
      url: c.source.url,
      redacted: false,
    },
    contacts: { type: 'contact.list', contacts: [{ type: 'contact', id: c.contactId, external_id: contact?.externalId ?? null }] },
    first_contact_reply: { created_at: seconds(c.createdAt), type: 'conversation', url: c.source.url },
    admin_assignee_id: c.adminAssigneeId,
    team_assignee_id: c.teamAssigneeId,
    open: c.state !== 'closed',
    state: c.state,
    read: c.read,
    tags: { type: 'tag.list', tags: c.tags.map(serializeTag) },
    priority: priorityFor(c.priority, ctx.fiveLevelPriority),
    sla_applied:
      c.slaName === null || slaTarget === undefined
        ? null
        : {
            type: 'conversation_sla_summary',
            sla_name: c.slaName,
            sla_status: firstReply ? (seconds(firstReply.createdAt) - seconds(c.createdAt) <= slaTarget ? 'hit' : 'missed') : 'active',
          },
    statistics: statistics(c),
    conversation_rating: c.rating
      ? {
          rating: c.rating.rating,
          remark: c.rating.remark,
          created_at: seconds(c.rating.createdAt),
          updated_at: seconds(c.rating.createdAt),
          contact: { type: 'contact', id: c.contactId, external_id: contact?.externalId ?? null },
          teammate: { type: 'admin', id: c.rating.adminId },
        }
      : null,
    teammates: { type: 'admin.list', teammates: teammates.map((id) => ({ type: 'admin', id })) },
    title: c.title,
    custom_attributes: c.customAttributes,
    topics: {},
    ticket: null,
    linked_objects: { type: 'list', data: [], total_count: 0, has_more: false },
    ai_agent: null,
    ai_agent_participated: false,
    company: company ? serializeCompany(company) : null,
    channel: { initial: c.source.type === 'email' ? 'email' : 'messenger', current: c.source.type === 'email' ? 'email' : 'messenger' },
    external_references: [],
  };
}

/** The full conversation: the 500 most recent parts, oldest first, and how many were returned. */
export function serializeConversation(c: ConversationRecord, ctx: SerializeContext): IntercomConversation {
  const parts = c.parts.slice(-PART_LIMIT).map((p) => serializePart(p, ctx.workspace));
  return {
    ...serializeListItem(c, ctx),
    conversation_parts: { type: 'conversation_part.list', conversation_parts: parts, total_count: parts.length },
  };
}

function list(url: string, data: { type: string; id: string; url: string }[] = []): IntercomContact['tags'] {
  return { type: 'list', data, url, total_count: data.length, has_more: false };
}

export function serializeContact(contact: ContactRecord, ws: Workspace): IntercomContact {
  const base = `/contacts/${contact.id}`;
  const company = ws.companies.get(contact.companyId);
  return {
    type: 'contact',
    id: contact.id,
    workspace_id: APP_ID,
    external_id: contact.externalId,
    role: contact.role,
    email: contact.email,
    email_domain: contact.email.slice(contact.email.indexOf('@') + 1),
    phone: null,
    name: contact.name,
    avatar: null,
    owner_id: null,
    social_profiles: { type: 'list', data: [] },
    has_hard_bounced: false,
    marked_email_as_spam: false,
    unsubscribed_from_emails: false,
    created_at: seconds(contact.createdAt),
    updated_at: seconds(contact.updatedAt),
    signed_up_at: contact.role === 'user' ? seconds(contact.createdAt) : null,
    last_seen_at: contact.lastSeenAt === null ? null : seconds(contact.lastSeenAt),
    last_replied_at: null,
    last_contacted_at: null,
    last_email_opened_at: null,
    last_email_clicked_at: null,
    language_override: null,
    browser: null,
    browser_version: null,
    browser_language: null,
    os: null,
    location: { type: 'location', country: null, region: null, city: null, country_code: null, continent_code: null },
    android_app_name: null,
    android_app_version: null,
    android_device: null,
    android_os_version: null,
    android_sdk_version: null,
    android_last_seen_at: null,
    ios_app_name: null,
    ios_app_version: null,
    ios_device: null,
    ios_os_version: null,
    ios_sdk_version: null,
    ios_last_seen_at: null,
    custom_attributes: {},
    tags: list(`${base}/tags`),
    notes: list(`${base}/notes`),
    companies: list(`${base}/companies`, company ? [{ type: 'company', id: company.id, url: `/companies/${company.id}` }] : []),
    opted_out_subscription_types: list(`${base}/subscriptions`),
    opted_in_subscription_types: list(`${base}/subscriptions`),
    utm_campaign: null,
    utm_content: null,
    utm_medium: null,
    utm_source: null,
    utm_term: null,
    referrer: null,
    enabled_push_messaging: null,
  };
}

export function serializeAdmin(admin: AdminRecord): IntercomAdmin {
  return {
    type: 'admin',
    id: admin.id,
    name: admin.name,
    email: admin.email,
    job_title: admin.jobTitle,
    away_mode_enabled: false,
    away_mode_reassign: false,
    has_inbox_seat: true,
    team_ids: admin.teamIds,
  };
}

/** GET /me: the token's admin with the workspace ("app") embedded. */
export function serializeMe(admin: AdminRecord): IntercomAdmin & Record<string, unknown> {
  return {
    ...serializeAdmin(admin),
    email_verified: true,
    app: {
      type: 'app',
      id_code: APP_ID,
      name: APP_NAME,
      created_at: APP_CREATED_AT,
      secure: true,
      identity_verification: false,
      timezone: 'Europe/London',
      region: 'US',
    },
    avatar: { type: 'avatar', image_url: AVATAR_URL },
  };
}
