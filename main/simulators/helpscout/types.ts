/**
 * Help Scout Mailbox API 2.0 shapes as the simulator serves them, after Help Scout's documentation examples
 * (developer.helpscout.com/mailbox-api: conversations get/list, threads list, customers get, organizations get,
 * errors) and the official PHP client's test payloads; plus the simulator's own internal records.
 */

import type { PlanName, TimeZoneInfo } from '../zendesk/types.ts';

export type { PlanName, TimeZoneInfo } from '../zendesk/types.ts';

export type ConversationStatus = 'active' | 'pending' | 'closed' | 'spam';
export type ConversationState = 'published' | 'draft' | 'deleted';
export type ConversationType = 'email' | 'chat' | 'phone';
/** A thread carries the conversation status it set, or nochange. */
export type ThreadStatus = ConversationStatus | 'nochange';
export type ThreadType = 'customer' | 'message' | 'note' | 'lineitem' | 'chat' | 'phone';
export type UserRole = 'owner' | 'admin' | 'user';

export interface HalLink {
  href: string;
  templated?: boolean;
}
export type HalLinks = Record<string, HalLink>;

export interface PersonRef {
  id: number;
  type: 'user' | 'customer';
  first: string;
  last: string;
  email: string;
}

export interface HelpScoutTag {
  id: number;
  color: string;
  tag: string;
}

export interface HelpScoutThread {
  id: number;
  type: ThreadType;
  status: ThreadStatus;
  state: 'published' | 'draft';
  action?: { type: string; text: string; associatedEntities: Record<string, never> };
  body?: string;
  source: { type: string; via: 'customer' | 'user' };
  customer: { id: number; first: string; last: string; email: string; photoUrl: string };
  createdBy: PersonRef;
  assignedTo?: PersonRef;
  savedReplyId: number;
  to: string[];
  cc: string[];
  bcc: string[];
  createdAt: string;
  openedAt?: string;
  _embedded: { attachments: never[] };
  _links: HalLinks;
}

export interface HelpScoutConversation {
  id: number;
  number: number;
  threads: number;
  type: ConversationType;
  folderId: number;
  status: ConversationStatus;
  state: ConversationState;
  subject: string;
  preview: string;
  mailboxId: number;
  assignee?: PersonRef;
  createdBy: PersonRef;
  createdAt: string;
  closedBy: number;
  closedByUser: PersonRef;
  closedAt?: string;
  userUpdatedAt: string;
  customerWaitingSince: { time: string; friendly: string; latestReplyFrom: 'customer' | 'user' };
  source: { type: string; via: 'customer' | 'user' };
  tags: HelpScoutTag[];
  cc: string[];
  bcc: string[];
  primaryCustomer: PersonRef;
  customFields: { id: number; name: string; value: string; text: string }[];
  _embedded?: { threads: HelpScoutThread[] };
  _links: HalLinks;
}

export interface HelpScoutCustomerEntry {
  id: number;
  value: string;
  type: string;
}

export interface HelpScoutCustomer {
  id: number;
  firstName: string;
  lastName: string;
  gender: string;
  jobTitle: string;
  location: string;
  organization: string;
  organizationId?: number;
  photoType: string;
  photoUrl: string;
  age: string;
  conversationCount?: number;
  createdAt: string;
  updatedAt: string;
  background: string;
  draft: boolean;
  _embedded: {
    emails: HelpScoutCustomerEntry[];
    phones: HelpScoutCustomerEntry[];
    chats: HelpScoutCustomerEntry[];
    social_profiles: HelpScoutCustomerEntry[];
    websites: { id: number; value: string }[];
    properties: never[];
    address: { city: string; lines: string[] };
  };
  _links: HalLinks;
}

export interface OrganizationProperty {
  definitionId: number;
  slug: string;
  name: string;
  type: 'text' | 'number' | 'dropdown' | 'date';
  value: string;
  options?: { label: string }[];
}

export interface HelpScoutOrganization {
  id: number;
  name: string;
  website: string;
  description: string;
  location: string;
  logoUrl: string;
  note: string;
  domains: string[];
  phones: string[];
  brandColor: string;
  createdAt: string;
  updatedAt: string;
  customerCount?: number;
  conversationCount?: number;
  properties?: OrganizationProperty[];
  _links: HalLinks;
}

export interface HelpScoutUser {
  id: number;
  firstName: string;
  lastName: string;
  email: string;
  role: UserRole;
  timezone: string;
  photoUrl: string;
  jobTitle: string;
  phone: string;
  alternateEmails: string[];
  mention: string;
  initials: string;
  type: 'user';
  createdAt: string;
  updatedAt: string;
  _links: HalLinks;
}

export interface HelpScoutMailbox {
  id: number;
  name: string;
  slug: string;
  email: string;
  createdAt: string;
  updatedAt: string;
  _links: HalLinks;
}

export interface HalPage<K extends string, T> {
  _embedded?: Record<K, T[]>;
  _links: HalLinks;
  page: { size: number; totalElements: number; totalPages: number; number: number };
}

// ---- internal records -------------------------------------------------------------------------------------

export interface OrganizationRecord {
  id: number;
  name: string;
  domain: string;
  plan: PlanName;
  customerId: string;
  apiKeyPrefix: string;
  timeZone: TimeZoneInfo;
  brandColor: string;
  createdAt: number;
  updatedAt: number;
}

export interface CustomerRecord {
  id: number;
  firstName: string;
  lastName: string;
  email: string;
  /** Null for senders outside any customer organization (spammers). */
  organizationId: number | null;
  jobTitle: string;
  timeZone: TimeZoneInfo;
  /** Languages and tools the customer's engineers use; flavours the snippets in their messages. */
  stack: string;
  createdAt: number;
  updatedAt: number;
}

export interface UserRecord {
  id: number;
  firstName: string;
  lastName: string;
  email: string;
  role: UserRole;
  timeZone: string;
  createdAt: number;
  updatedAt: number;
}

export interface MailboxRecord {
  id: number;
  name: string;
  slug: string;
  email: string;
  createdAt: number;
  updatedAt: number;
}

export interface ThreadRecord {
  id: number;
  type: ThreadType;
  status: ThreadStatus;
  state: 'published' | 'draft';
  /** Line items only: what happened, as the UI says it. */
  actionText: string | null;
  /** HTML; empty for line items. */
  body: string;
  /** Plain text of the body, for the conversation preview. */
  text: string;
  /** The user who wrote it, or null when the customer did. */
  userId: number | null;
  assignedTo: number | null;
  to: string[];
  cc: string[];
  createdAt: number;
  openedAt: number | null;
}

export interface ConversationRecord {
  id: number;
  number: number;
  type: ConversationType;
  mailboxId: number;
  status: ConversationStatus;
  state: ConversationState;
  subject: string;
  customerId: number;
  assigneeId: number | null;
  tags: string[];
  cc: string[];
  createdAt: number;
  closedAt: number | null;
  closedBy: number | null;
  /** Last change of any kind (threads, status, tags...): what modifiedSince and sortField=modifiedAt read. */
  modifiedAt: number;
  /** Change sequence: orders changes made within the same millisecond. */
  seq: number;
  /** Oldest first. */
  threads: ThreadRecord[];
}
