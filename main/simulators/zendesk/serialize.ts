/** Turns the simulator's records into the exact JSON shapes the Zendesk API serves. */

import { customStatusIdOf } from './custom-statuses.ts';
import { GROUP_L1 } from './seed.ts';
import { SUPPORT_ADDRESS } from './names.ts';
import { isoSeconds, zendeskHtmlFromPlain } from './text.ts';
import type {
  AuditRecord,
  AuditValue,
  CommentRecord,
  OrgRecord,
  RuleRef,
  TicketRecord,
  UserRecord,
  ZendeskAudit,
  ZendeskAuditEvent,
  ZendeskAuditValue,
  ZendeskComment,
  ZendeskOrganization,
  ZendeskTicket,
  ZendeskUser,
  ZendeskVia,
} from './types.ts';

export const BRAND_ID = 360_002_256_672;
export const TICKET_FORM_ID = 360_000_389_592;

export function emailVia(requester: UserRecord | undefined): ZendeskVia {
  return {
    channel: 'email',
    source: {
      from: { address: requester?.email ?? null, name: requester?.name ?? null },
      to: { name: SUPPORT_ADDRESS.name, address: SUPPORT_ADDRESS.address },
      rel: null,
    },
  };
}

export function plainVia(channel: string): ZendeskVia {
  return { channel, source: { from: {}, to: {}, rel: null } };
}

/** How an automated update is attributed: the trigger or automation that made it, as in the audit fixtures. */
export function ruleVia(rule: RuleRef): ZendeskVia {
  return { channel: 'rule', source: { to: {}, from: { id: rule.id, title: rule.title }, rel: rule.kind } };
}

/** What Zendesk records of the browser behind an update made in its web interface. */
const WEB_SYSTEM: Readonly<Record<string, string>> = {
  client: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
  ip_address: '203.0.113.24',
  location: 'Dublin, Ireland',
};

export function systemMetadata(channel: string): Record<string, string> {
  return channel === 'web' ? { ...WEB_SYSTEM } : {};
}

export function serializeTicket(t: TicketRecord, baseUrl: string, requester: UserRecord | undefined, withGenerated: boolean): ZendeskTicket {
  const collaborators = t.assigneeId === null ? [] : [t.assigneeId];
  const ticket: ZendeskTicket = {
    url: `${baseUrl}/api/v2/tickets/${t.id}.json`,
    id: t.id,
    external_id: null,
    via: t.channel === 'email' ? emailVia(requester) : plainVia(t.channel),
    created_at: isoSeconds(t.createdAt),
    updated_at: isoSeconds(t.updatedAt),
    type: t.type,
    subject: t.subject,
    raw_subject: t.subject,
    description: t.description,
    priority: t.priority,
    status: t.status,
    custom_status_id: customStatusIdOf(t),
    recipient: t.channel === 'email' ? SUPPORT_ADDRESS.address : null,
    requester_id: t.requesterId,
    submitter_id: t.submitterId,
    assignee_id: t.assigneeId,
    organization_id: t.organizationId,
    group_id: t.groupId ?? GROUP_L1,
    collaborator_ids: [],
    follower_ids: collaborators,
    email_cc_ids: [],
    forum_topic_id: null,
    problem_id: null,
    has_incidents: false,
    is_public: true,
    due_at: null,
    tags: [...t.tags],
    custom_fields: [],
    satisfaction_rating: t.satisfaction,
    sharing_agreement_ids: [],
    fields: [],
    followup_ids: [],
    ticket_form_id: TICKET_FORM_ID,
    brand_id: BRAND_ID,
    satisfaction_probability: null,
    allow_channelback: false,
    allow_attachments: true,
    from_messaging_channel: false,
  };
  if (withGenerated) ticket.generated_timestamp = Math.floor(t.seq / 1_000_000);
  return ticket;
}

export function serializeUser(u: UserRecord, baseUrl: string): ZendeskUser {
  const agent = u.role !== 'end-user';
  return {
    id: u.id,
    url: `${baseUrl}/api/v2/users/${u.id}.json`,
    name: u.name,
    email: u.email,
    created_at: isoSeconds(u.createdAt),
    updated_at: isoSeconds(u.updatedAt),
    time_zone: u.timeZone.rails,
    iana_time_zone: u.timeZone.iana,
    phone: null,
    shared_phone_number: null,
    photo: null,
    locale_id: 1,
    locale: 'en-US',
    organization_id: u.organizationId,
    role: u.role,
    verified: true,
    external_id: null,
    tags: [],
    alias: null,
    active: true,
    shared: false,
    shared_agent: false,
    last_login_at: u.lastLoginAt === null ? null : isoSeconds(u.lastLoginAt),
    two_factor_auth_enabled: agent ? true : null,
    signature: agent ? `${u.name}\n${SUPPORT_ADDRESS.name}` : null,
    details: null,
    notes: null,
    role_type: u.role === 'admin' ? null : agent ? 0 : null,
    custom_role_id: null,
    moderator: agent,
    ticket_restriction: agent ? null : 'requested',
    only_private_comments: false,
    restricted_agent: !agent,
    suspended: false,
    chat_only: false,
    default_group_id: agent ? GROUP_L1 : null,
    report_csv: u.role === 'admin',
    user_fields: {},
  };
}

/** What `/users/me.json` answers for bad or missing credentials: 200 with an anonymous user, like live Zendesk. */
export function anonymousUser(): ZendeskUser {
  return {
    id: null,
    url: null,
    name: 'Anonymous user',
    email: 'invalid@example.com',
    created_at: null,
    updated_at: null,
    time_zone: 'Eastern Time (US & Canada)',
    iana_time_zone: 'America/New_York',
    phone: null,
    shared_phone_number: null,
    photo: null,
    locale_id: 1,
    locale: 'en-US',
    organization_id: null,
    role: 'end-user',
    verified: false,
    external_id: null,
    tags: [],
    alias: null,
    active: true,
    shared: false,
    shared_agent: false,
    last_login_at: null,
    two_factor_auth_enabled: null,
    signature: null,
    details: null,
    notes: null,
    role_type: null,
    custom_role_id: null,
    moderator: false,
    ticket_restriction: 'requested',
    only_private_comments: false,
    restricted_agent: true,
    suspended: false,
    chat_only: false,
    default_group_id: null,
    report_csv: false,
    user_fields: {},
  };
}

export function serializeOrganization(o: OrgRecord, baseUrl: string): ZendeskOrganization {
  return {
    url: `${baseUrl}/api/v2/organizations/${o.id}.json`,
    id: o.id,
    name: o.name,
    shared_tickets: false,
    shared_comments: false,
    external_id: o.customerId,
    created_at: isoSeconds(o.createdAt),
    updated_at: isoSeconds(o.updatedAt),
    domain_names: [o.domain],
    details: null,
    notes: null,
    group_id: null,
    tags: [`plan_${o.plan}`],
    organization_fields: {
      plan: o.plan,
      customer_id: o.customerId,
      api_key_prefix: o.apiKeyPrefix,
      timezone: o.timeZone.iana,
    },
  };
}

export function serializeComment(c: CommentRecord, author: UserRecord | undefined): ZendeskComment {
  const via = c.channel === 'email' && author?.role === 'end-user' ? emailVia(author) : plainVia(c.channel);
  return {
    id: c.id,
    type: 'Comment',
    author_id: c.authorId,
    body: c.body,
    html_body: c.html ?? zendeskHtmlFromPlain(c.body),
    plain_body: c.body,
    public: c.public,
    attachments: [],
    audit_id: c.auditId,
    via,
    created_at: isoSeconds(c.createdAt),
    metadata: { system: systemMetadata(c.channel), custom: {} },
  };
}

/** Audit event values are strings for single-value fields, ids included, and arrays of strings for tags. */
export function auditValue(v: AuditValue): ZendeskAuditValue {
  if (v === null || typeof v === 'string') return v;
  return typeof v === 'number' ? String(v) : [...v];
}

export function auditVia(audit: AuditRecord, author: UserRecord | undefined): ZendeskVia {
  if (audit.rule) return ruleVia(audit.rule);
  return audit.channel === 'email' && author?.role === 'end-user' ? emailVia(author) : plainVia(audit.channel);
}

/** The comment an audit's Comment event stands for, from the ticket's thread. */
export function commentAt(comments: readonly CommentRecord[], index: number, audit: AuditRecord): CommentRecord {
  const c = comments[index];
  if (!c) throw new Error(`audit ${audit.id} of ticket ${audit.ticketId} refers to comment ${index}, which the thread lacks`);
  return c;
}

/** An audit as GET /tickets/{id}/audits.json serves it; `comments` is the ticket's thread. */
export function serializeAudit(audit: AuditRecord, comments: readonly CommentRecord[], author: UserRecord | undefined): ZendeskAudit {
  const events = audit.events.map((e): ZendeskAuditEvent => {
    if (e.type === 'Comment') {
      const c = commentAt(comments, e.index, audit);
      return {
        id: e.id,
        type: 'Comment',
        author_id: e.authorId,
        body: c.body,
        html_body: c.html ?? zendeskHtmlFromPlain(c.body),
        plain_body: c.body,
        public: e.public,
        attachments: [],
        audit_id: audit.id,
      };
    }
    const via = e.rule ? { via: ruleVia(e.rule) } : {};
    if (e.type === 'Create') return { id: e.id, type: 'Create', field_name: e.field, value: auditValue(e.value), ...via };
    return { id: e.id, type: 'Change', field_name: e.field, value: auditValue(e.value), previous_value: auditValue(e.previous), ...via };
  });
  return {
    id: audit.id,
    ticket_id: audit.ticketId,
    created_at: isoSeconds(audit.createdAt),
    author_id: audit.authorId,
    via: auditVia(audit, author),
    metadata: { system: systemMetadata(audit.channel), custom: {} },
    events,
  };
}

/** A JSON text that is sent as it is (spliced from cached pieces instead of stringified again). */
export class RawJson {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

/**
 * JSON texts of users and organizations, which never change in the simulator: side-loading them on every
 * export page is then string concatenation rather than serialization (the 100,000-ticket bench leans on it).
 */
export class SideloadCache {
  readonly #users = new Map<number, string>();
  readonly #orgs = new Map<number, string>();

  userJson(u: UserRecord, baseUrl: string): string {
    let text = this.#users.get(u.id);
    if (text === undefined) {
      text = JSON.stringify(serializeUser(u, baseUrl));
      this.#users.set(u.id, text);
    }
    return text;
  }

  orgJson(o: OrgRecord, baseUrl: string): string {
    let text = this.#orgs.get(o.id);
    if (text === undefined) {
      text = JSON.stringify(serializeOrganization(o, baseUrl));
      this.#orgs.set(o.id, text);
    }
    return text;
  }
}
