/**
 * Zendesk Support API shapes as the simulator serves them (field by field after the fixtures in
 * shared/fixtures/zendesk: go-zendesk GET bodies and node-zendesk live recordings), plus the simulator's own
 * internal records.
 */

export type ZendeskPriority = 'urgent' | 'high' | 'normal' | 'low';
export type ZendeskStatus = 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed';
export type ZendeskExportStatus = ZendeskStatus | 'deleted';
export type ZendeskTicketType = 'problem' | 'incident' | 'question' | 'task';
export type PlanName = 'free' | 'starter' | 'growth' | 'enterprise';

export interface ZendeskVia {
  channel: string;
  source: {
    from: Record<string, string | number | null>;
    to: Record<string, string | number | null>;
    rel: string | null;
  };
}

export interface ZendeskSatisfactionRating {
  id?: number;
  score: 'offered' | 'unoffered' | 'good' | 'bad';
  comment?: string;
}

export interface ZendeskTicket {
  url: string;
  id: number;
  external_id: string | null;
  via: ZendeskVia;
  created_at: string;
  updated_at: string;
  generated_timestamp?: number;
  type: ZendeskTicketType | null;
  subject: string;
  raw_subject: string;
  description: string;
  priority: ZendeskPriority | null;
  status: ZendeskExportStatus;
  custom_status_id: number;
  recipient: string | null;
  requester_id: number;
  submitter_id: number;
  assignee_id: number | null;
  organization_id: number | null;
  group_id: number | null;
  collaborator_ids: number[];
  follower_ids: number[];
  email_cc_ids: number[];
  forum_topic_id: null;
  problem_id: number | null;
  has_incidents: boolean;
  is_public: boolean;
  due_at: string | null;
  tags: string[];
  custom_fields: { id: number; value: string | number | boolean | null }[];
  satisfaction_rating: ZendeskSatisfactionRating | null;
  sharing_agreement_ids: number[];
  fields: { id: number; value: string | number | boolean | null }[];
  followup_ids: number[];
  ticket_form_id: number;
  brand_id: number;
  satisfaction_probability: null;
  allow_channelback: boolean;
  allow_attachments: boolean;
  from_messaging_channel: boolean;
}

/** What `addTicket` returns: the ticket as the API serves it. */
export type SimTicket = ZendeskTicket;

export interface ZendeskUser {
  id: number | null;
  url: string | null;
  name: string;
  email: string | null;
  created_at: string | null;
  updated_at: string | null;
  time_zone: string;
  iana_time_zone: string;
  phone: string | null;
  shared_phone_number: boolean | null;
  photo: null;
  locale_id: number;
  locale: string;
  organization_id: number | null;
  role: 'end-user' | 'agent' | 'admin';
  verified: boolean;
  external_id: string | null;
  tags: string[];
  alias: string | null;
  active: boolean;
  shared: boolean;
  shared_agent: boolean;
  last_login_at: string | null;
  two_factor_auth_enabled: boolean | null;
  signature: string | null;
  details: string | null;
  notes: string | null;
  role_type: number | null;
  custom_role_id: number | null;
  moderator: boolean;
  ticket_restriction: string | null;
  only_private_comments: boolean;
  restricted_agent: boolean;
  suspended: boolean;
  chat_only: boolean;
  default_group_id: number | null;
  report_csv: boolean;
  user_fields: Record<string, string | number | boolean | null>;
}

export interface OrganizationFields {
  plan: PlanName;
  customer_id: string;
  api_key_prefix: string;
  timezone: string;
  [key: string]: string | number | boolean | null;
}

export interface ZendeskOrganization {
  url: string;
  id: number;
  name: string;
  shared_tickets: boolean;
  shared_comments: boolean;
  external_id: string | null;
  created_at: string;
  updated_at: string;
  domain_names: string[];
  details: string | null;
  notes: string | null;
  group_id: number | null;
  tags: string[];
  organization_fields: OrganizationFields;
}

export interface ZendeskComment {
  id: number;
  type: 'Comment';
  author_id: number;
  body: string;
  html_body: string;
  plain_body: string;
  public: boolean;
  attachments: never[];
  audit_id: number;
  via: ZendeskVia;
  created_at: string;
  metadata: {
    system: Record<string, string>;
    custom: Record<string, never>;
  };
}

/** An audit event's value: a string for single-value fields (ids too), an array of strings for tags. */
export type ZendeskAuditValue = string | string[] | null;

export type ZendeskAuditEvent =
  | { id: number; type: 'Create'; field_name: string; value: ZendeskAuditValue; via?: ZendeskVia }
  | { id: number; type: 'Change'; field_name: string; value: ZendeskAuditValue; previous_value: ZendeskAuditValue; via?: ZendeskVia }
  | {
      id: number;
      type: 'Comment';
      author_id: number;
      body: string;
      html_body: string;
      plain_body: string;
      public: boolean;
      attachments: never[];
      audit_id: number;
    };

export interface ZendeskAudit {
  id: number;
  ticket_id: number;
  created_at: string;
  author_id: number;
  via: ZendeskVia;
  metadata: { system: Record<string, string>; custom: Record<string, never> };
  events: ZendeskAuditEvent[];
}

/** An item of the incremental ticket events export: one audit, its events keyed by field name. */
export interface ZendeskTicketEvent {
  id: number;
  ticket_id: number;
  timestamp: number;
  created_at: string;
  updater_id: number;
  via: string;
  system: Record<string, string>;
  merged_ticket_ids: number[];
  event_type: 'Audit';
  child_events: Record<string, unknown>[];
}

// ---- internal records -------------------------------------------------------------------------------------

export interface TimeZoneInfo {
  /** IANA name, e.g. Europe/Berlin. */
  iana: string;
  /** Zendesk's (Rails) display name, e.g. Berlin. */
  rails: string;
}

export interface OrgRecord {
  id: number;
  name: string;
  domain: string;
  plan: PlanName;
  customerId: string;
  apiKeyPrefix: string;
  timeZone: TimeZoneInfo;
  createdAt: number;
  updatedAt: number;
}

export interface UserRecord {
  id: number;
  name: string;
  email: string;
  role: 'end-user' | 'agent' | 'admin';
  organizationId: number | null;
  timeZone: TimeZoneInfo;
  createdAt: number;
  updatedAt: number;
  lastLoginAt: number | null;
  /** Languages and stack the customer's engineers use; flavours the snippets in their tickets. */
  stack: string | null;
}

export interface CommentRecord {
  id: number;
  authorId: number;
  /** Plain text. */
  body: string;
  /** HTML as the customer's mail client sent it, or null to derive it from the plain text. */
  html: string | null;
  public: boolean;
  channel: 'email' | 'web' | 'api';
  createdAt: number;
  /** The audit (ticket update) that added the comment. */
  auditId: number;
}

/** The business rule (trigger or automation) behind an automated update. */
export interface RuleRef {
  id: number;
  title: string;
  kind: 'trigger' | 'automation';
}

/** The ticket fields an audit can create or change, by their Zendesk field names. */
export type AuditField =
  | 'status'
  | 'priority'
  | 'type'
  | 'subject'
  | 'requester_id'
  | 'submitter_id'
  | 'organization_id'
  | 'assignee_id'
  | 'group_id'
  | 'tags';

export type AuditValue = string | number | string[] | null;

export type AuditEventRecord =
  | { type: 'Create'; id: number; field: AuditField; value: AuditValue; rule: RuleRef | null }
  | { type: 'Change'; id: number; field: AuditField; value: AuditValue; previous: AuditValue; rule: RuleRef | null }
  /** A comment by its position in the ticket's thread; its text is only read when served. */
  | { type: 'Comment'; id: number; index: number; public: boolean; authorId: number };

/** One update of a ticket: who made it, through which channel, and what it did. */
export interface AuditRecord {
  id: number;
  ticketId: number;
  createdAt: number;
  /** A user id, or -1 for the system (triggers and automations). */
  authorId: number;
  channel: 'email' | 'web' | 'api' | 'rule';
  /** The rule that made an automated update (channel rule), else null. */
  rule: RuleRef | null;
  events: AuditEventRecord[];
}

/** What a seeded ticket's thread is generated from, lazily, when its comments are first asked for. */
export interface ThreadPlan {
  threadSeed: number;
  templateId: string;
  /** One letter per event: C customer message, A agent public reply, N internal note, R solving reply. */
  shape: string;
  /** The agent who answers. */
  agentId: number;
  createdAt: number;
  updatedAt: number;
}

export interface TicketRecord {
  id: number;
  subject: string;
  description: string;
  status: ZendeskExportStatus;
  /** The team's own custom status (custom-statuses.ts), or null for the default of the status's category. */
  customStatusId: number | null;
  priority: ZendeskPriority | null;
  type: ZendeskTicketType | null;
  requesterId: number;
  submitterId: number;
  assigneeId: number | null;
  organizationId: number | null;
  groupId: number | null;
  tags: string[];
  channel: 'email' | 'web' | 'api';
  createdAt: number;
  updatedAt: number;
  /** Position in the incremental export: every change moves the ticket to the end. */
  seq: number;
  satisfaction: ZendeskSatisfactionRating | null;
  /** Either the materialized thread, or null with a plan to build it on first use. */
  comments: CommentRecord[] | null;
  /** Either the materialized history, or null to derive it from the plan on first use (before any change). */
  audits: AuditRecord[] | null;
  plan: ThreadPlan | null;
}
