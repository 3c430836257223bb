/**
 * Intercom API shapes as the simulator serves them (API version 2.16, field by field after the schemas and
 * examples of shared/fixtures/intercom/api.intercom.io.2.16.yaml), plus the simulator's own records.
 */

import type { PlanName, TimeZoneInfo } from '../zendesk/types.ts';

export type { PlanName } from '../zendesk/types.ts';

export type ConversationState = 'open' | 'closed' | 'snoozed';
/** The 2.16 priority levels. Versions up to 2.15 serve them as `priority` / `not_priority`. */
export type PriorityLevel = 'none' | 'low' | 'medium' | 'high' | 'urgent';
export type ContactRole = 'user' | 'lead';
/** `email` for mail, `conversation` for the Messenger (as Intercom names source.type). */
export type SourceType = 'email' | 'conversation';

// ---- records --------------------------------------------------------------------------------------------

export interface AdminRecord {
  id: string;
  name: string;
  email: string;
  jobTitle: string;
  teamIds: number[];
  createdAt: number;
}

export interface TeamRecord {
  id: number;
  name: string;
}

export interface CompanyRecord {
  /** Intercom's id (24 hex digits). */
  id: string;
  /** The id the team gave the company: the API product's customer id. */
  companyId: string;
  name: string;
  domain: string;
  plan: PlanName;
  apiKeyPrefix: string;
  timeZone: TimeZoneInfo;
  size: number;
  industry: string;
  monthlySpend: number;
  sessionCount: number;
  createdAt: number;
  updatedAt: number;
  lastRequestAt: number;
  contactIds: string[];
  /** The Zendesk simulator's organization this company was made from (the ticket templates take it). */
  orgId: number;
}

export interface ContactRecord {
  /** Intercom's id (24 hex digits). */
  id: string;
  externalId: string | null;
  role: ContactRole;
  name: string;
  email: string;
  companyId: string;
  createdAt: number;
  updatedAt: number;
  lastSeenAt: number | null;
  /** The Zendesk simulator's user this contact was made from (the ticket templates take it). */
  userId: number;
}

export type AuthorRef =
  | { kind: 'contact'; id: string }
  | { kind: 'admin'; id: string }
  | { kind: 'bot'; name: 'Operator' | 'Fin' };

export type AssigneeRef = { type: 'admin'; id: string } | { type: 'team'; id: string } | { type: 'nobody_admin'; id: null };

export interface PartRecord {
  id: string;
  partType: string;
  /** HTML, or null for events without text (assignment, snooze...). */
  body: string | null;
  createdAt: number;
  author: AuthorRef;
  assignedTo: AssigneeRef | null;
  /** The conversation's state right after this part. */
  state: ConversationState;
  eventDetails: Record<string, unknown> | null;
  metadata: Record<string, unknown>;
  /** Set on parts created through the REST API. */
  appPackageCode: string | null;
}

export interface TagRecord {
  id: string;
  name: string;
  appliedAt: number;
  appliedBy: string;
}

export interface ConversationRating {
  rating: number;
  remark: string;
  createdAt: number;
  adminId: string;
}

export interface ConversationRecord {
  /** Numeric string, as Intercom's conversation ids are. */
  id: string;
  createdAt: number;
  updatedAt: number;
  title: string | null;
  state: ConversationState;
  snoozedUntil: number | null;
  read: boolean;
  priority: PriorityLevel;
  adminAssigneeId: number;
  teamAssigneeId: number;
  contactId: string;
  companyId: string;
  tags: TagRecord[];
  source: {
    id: string;
    type: SourceType;
    subject: string;
    body: string;
    url: string | null;
  };
  parts: PartRecord[];
  rating: ConversationRating | null;
  slaName: string | null;
  customAttributes: Record<string, string | number>;
  /** Epoch ms of the deletion, or null while it lives. */
  deletedAt: number | null;
}

// ---- API shapes -----------------------------------------------------------------------------------------

export interface IntercomReference {
  type: string;
  id: string | null;
}

export interface IntercomPartAuthor {
  type: 'user' | 'lead' | 'admin' | 'bot';
  id: string;
  name: string | null;
  email: string;
  from_ai_agent: boolean;
  is_ai_answer: boolean;
}

export interface IntercomConversationPart {
  type: 'conversation_part';
  id: string;
  part_type: string;
  body: string | null;
  created_at: number;
  updated_at: number;
  notified_at: number;
  assigned_to: IntercomReference | null;
  author: IntercomPartAuthor;
  attachments: never[];
  external_id: string | null;
  redacted: boolean;
  metadata: Record<string, unknown>;
  email_message_metadata: null;
  state: ConversationState;
  tags: never[];
  event_details: Record<string, unknown> | null;
  app_package_code: string | null;
}

export interface IntercomTag {
  type: 'tag';
  id: string;
  name: string;
  applied_at: number;
  applied_by: IntercomReference;
}

export interface IntercomCompany {
  type: 'company';
  id: string;
  company_id: string;
  app_id: string;
  name: string;
  remote_created_at: number;
  created_at: number;
  updated_at: number;
  last_request_at: number;
  plan: { type: 'plan'; id: string; name: string };
  size: number;
  website: string;
  industry: string;
  monthly_spend: number;
  session_count: number;
  user_count: number;
  tags: { type: 'tag.list'; tags: never[] };
  segments: { type: 'segment.list'; segments: never[] };
  custom_attributes: Record<string, string>;
}

export interface IntercomConversationStatistics {
  type: 'conversation_statistics';
  [key: string]: string | number | null;
}

/** A conversation as search returns it (no parts). */
export interface IntercomConversationListItem {
  type: 'conversation';
  id: string;
  created_at: number;
  updated_at: number;
  waiting_since: number | null;
  snoozed_until: number | null;
  source: {
    type: SourceType;
    id: string;
    delivered_as: string;
    subject: string;
    body: string;
    author: { type: ContactRole; id: string; name: string; email: string };
    attachments: never[];
    url: string | null;
    redacted: boolean;
  };
  contacts: { type: 'contact.list'; contacts: { type: 'contact'; id: string; external_id: string | null }[] };
  first_contact_reply: { created_at: number; type: 'conversation'; url: string | null } | null;
  admin_assignee_id: number;
  team_assignee_id: number;
  open: boolean;
  state: ConversationState;
  read: boolean;
  tags: { type: 'tag.list'; tags: IntercomTag[] };
  priority: string;
  sla_applied: { type: 'conversation_sla_summary'; sla_name: string; sla_status: 'hit' | 'missed' | 'active' } | null;
  statistics: IntercomConversationStatistics;
  conversation_rating: {
    rating: number;
    remark: string;
    created_at: number;
    updated_at: number;
    contact: { type: 'contact'; id: string; external_id: string | null };
    teammate: IntercomReference;
  } | null;
  teammates: { type: 'admin.list'; teammates: IntercomReference[] };
  title: string | null;
  custom_attributes: Record<string, string | number>;
  topics: Record<string, never>;
  ticket: null;
  linked_objects: { type: 'list'; data: never[]; total_count: 0; has_more: false };
  ai_agent: null;
  ai_agent_participated: boolean;
  company: IntercomCompany | null;
  channel: { initial: string; current: string };
  external_references: never[];
}

export interface IntercomConversation extends IntercomConversationListItem {
  conversation_parts: { type: 'conversation_part.list'; conversation_parts: IntercomConversationPart[]; total_count: number };
}

export interface IntercomContact {
  type: 'contact';
  id: string;
  workspace_id: string;
  external_id: string | null;
  role: ContactRole;
  email: string;
  email_domain: string;
  phone: string | null;
  name: string;
  avatar: null;
  owner_id: null;
  social_profiles: { type: 'list'; data: never[] };
  has_hard_bounced: boolean;
  marked_email_as_spam: boolean;
  unsubscribed_from_emails: boolean;
  created_at: number;
  updated_at: number;
  signed_up_at: number | null;
  last_seen_at: number | null;
  last_replied_at: number | null;
  last_contacted_at: number | null;
  last_email_opened_at: null;
  last_email_clicked_at: null;
  language_override: null;
  browser: null;
  browser_version: null;
  browser_language: null;
  os: null;
  location: { type: 'location'; country: null; region: null; city: null; country_code: null; continent_code: null };
  android_app_name: null;
  android_app_version: null;
  android_device: null;
  android_os_version: null;
  android_sdk_version: null;
  android_last_seen_at: null;
  ios_app_name: null;
  ios_app_version: null;
  ios_device: null;
  ios_os_version: null;
  ios_sdk_version: null;
  ios_last_seen_at: null;
  custom_attributes: Record<string, string>;
  tags: ContactList;
  notes: ContactList;
  companies: ContactList;
  opted_out_subscription_types: ContactList;
  opted_in_subscription_types: ContactList;
  utm_campaign: null;
  utm_content: null;
  utm_medium: null;
  utm_source: null;
  utm_term: null;
  referrer: null;
  enabled_push_messaging: null;
}

interface ContactList {
  type: 'list';
  data: { type: string; id: string; url: string }[];
  url: string;
  total_count: number;
  has_more: boolean;
}

export interface IntercomAdmin {
  type: 'admin';
  id: string;
  name: string;
  email: string;
  job_title: string;
  away_mode_enabled: boolean;
  away_mode_reassign: boolean;
  has_inbox_seat: boolean;
  team_ids: number[];
}

export interface IntercomErrorList {
  type: 'error.list';
  request_id: string;
  errors: { code: string; message: string; field?: string }[];
}
