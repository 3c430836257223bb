import { z } from 'zod';

// The fields we read from Zendesk's payloads; everything else is kept untouched in the raw copy. The records a first
// sync reads 100,000 of (tickets, users, organizations) leave the rest out of the parsed copy: carrying a ticket's
// 30-odd other fields through the parse cost a 100,000-ticket sync most of a second.
const ZendeskId = z.number().int().positive();
const ZendeskTime = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'not a timestamp');

export const ZendeskTicket = z.object({
  id: ZendeskId,
  subject: z.string().nullish(),
  raw_subject: z.string().nullish(),
  description: z.string().nullish(),
  status: z.enum(['new', 'open', 'pending', 'hold', 'solved', 'closed', 'deleted']),
  /** With custom statuses on: one of the account's custom statuses, whose category is the ticket's status. */
  custom_status_id: ZendeskId.nullish(),
  priority: z.enum(['urgent', 'high', 'normal', 'low']).nullish(),
  requester_id: ZendeskId.nullish(),
  organization_id: ZendeskId.nullish(),
  assignee_id: ZendeskId.nullish(),
  tags: z.array(z.string()).nullish(),
  created_at: ZendeskTime,
  updated_at: ZendeskTime,
});
export type ZendeskTicket = z.infer<typeof ZendeskTicket>;

export const ZendeskUser = z.object({
  id: ZendeskId,
  name: z.string().nullish(),
  email: z.string().nullish(),
  role: z.string().nullish(),
  organization_id: ZendeskId.nullish(),
  updated_at: ZendeskTime.nullish(),
});
export type ZendeskUser = z.infer<typeof ZendeskUser>;

export const ZendeskOrganization = z.object({
  id: ZendeskId,
  name: z.string(),
  organization_fields: z.record(z.string(), z.unknown()).nullish(),
  updated_at: ZendeskTime.nullish(),
});
export type ZendeskOrganization = z.infer<typeof ZendeskOrganization>;

/** The envelope is checked strictly; the records inside are checked one by one so one bad record cannot sink a page. */
export const ZendeskCursorExportPage = z.looseObject({
  tickets: z.array(z.unknown()),
  users: z.array(z.unknown()).optional(),
  organizations: z.array(z.unknown()).optional(),
  after_cursor: z.string().nullable(),
  end_of_stream: z.boolean(),
});

/**
 * One ticket update with the events it made: an item of the incremental ticket events export (`child_events`,
 * `updater_id`, `timestamp`; a change names its field as a key, e.g. {"status": "open", "previous_value": "new"}) or of
 * a ticket's audits (`events`, `author_id`, `created_at`; a change has `field_name` and `value`). Both shapes come in.
 */
const ZendeskAuditEvent = z.looseObject({
  id: z.number().int().nullish(),
  event_type: z.string().nullish(),
  type: z.string().nullish(),
  field_name: z.string().nullish(),
  value: z.unknown().optional(),
  public: z.boolean().nullish(),
  comment_public: z.boolean().nullish(),
  author_id: z.number().int().nullish(),
  body: z.string().nullish(),
  html_body: z.string().nullish(),
  via: z.unknown().optional(),
});
export type ZendeskAuditEvent = z.infer<typeof ZendeskAuditEvent>;

export const ZendeskAudit = z
  .looseObject({
    id: ZendeskId,
    ticket_id: ZendeskId,
    created_at: ZendeskTime.nullish(),
    timestamp: z.number().int().nonnegative().nullish(),
    updater_id: z.number().int().nullish(),
    author_id: z.number().int().nullish(),
    via: z.unknown().optional(),
    child_events: z.array(ZendeskAuditEvent).nullish(),
    events: z.array(ZendeskAuditEvent).nullish(),
  })
  .refine((audit) => audit.created_at != null || audit.timestamp != null, { message: 'has neither created_at nor timestamp' });
export type ZendeskAudit = z.infer<typeof ZendeskAudit>;

export const ZendeskTicketEventsPage = z.looseObject({
  ticket_events: z.array(z.unknown()),
  end_time: z.number().int().nullish(),
  end_of_stream: z.boolean(),
});

/** Where a cursor-paged list stands (`page[size]`, `page[after]`): whether there is more, and after what. */
export const ZendeskCursorMeta = z.looseObject({ has_more: z.boolean(), after_cursor: z.string().nullish() });

/** A page of Export Search Results (`/search/export.json`): cursor-paged like the list endpoints. */
export const ZendeskSearchExportPage = z.looseObject({
  results: z.array(z.unknown()),
  meta: ZendeskCursorMeta,
});

/** What the connector needs of a ticket to tell whether an overlapping search served it again. */
export const ZendeskTicketStamp = z.looseObject({ id: ZendeskId, updated_at: ZendeskTime });

/** A page of a ticket's audits (`/tickets/{id}/audits.json`). */
export const ZendeskAuditsPage = z.looseObject({
  audits: z.array(z.unknown()),
  meta: ZendeskCursorMeta.nullish(),
});

export const ZendeskCustomStatus = z.looseObject({
  id: ZendeskId,
  status_category: z.enum(['new', 'open', 'pending', 'hold', 'solved']),
  agent_label: z.string().nullish(),
});
export type ZendeskCustomStatus = z.infer<typeof ZendeskCustomStatus>;

export const ZendeskCustomStatuses = z.looseObject({ custom_statuses: z.array(z.unknown()) });

/**
 * An item of the deleted tickets list. Zendesk's reference example writes `deleted_at` in ISO 8601's basic form
 * (20140704T15:37:04Z); both forms are read.
 */
export const ZendeskDeletedTicket = z.looseObject({
  id: ZendeskId,
  subject: z.string().nullish(),
  deleted_at: z.string().refine((value) => instantOf(value) !== null, 'not a timestamp'),
});
export type ZendeskDeletedTicket = z.infer<typeof ZendeskDeletedTicket>;

export const ZendeskDeletedTicketsPage = z.looseObject({
  deleted_tickets: z.array(z.unknown()),
  meta: ZendeskCursorMeta.nullish(),
});

/** Epoch milliseconds of an ISO 8601 instant in the extended or the basic form, or null. */
export function instantOf(value: string): number | null {
  const basic = /^(\d{4})(\d{2})(\d{2})T(\d{2}):?(\d{2}):?(\d{2})Z$/.exec(value);
  const at = Date.parse(basic ? `${basic[1]}-${basic[2]}-${basic[3]}T${basic[4]}:${basic[5]}:${basic[6]}Z` : value);
  return Number.isNaN(at) ? null : at;
}

/** A ticket comment (`/tickets/{id}/comments.json`): who wrote it, when, public or a note, and its text. */
export const ZendeskComment = z.looseObject({
  id: ZendeskId,
  author_id: z.number().int(),
  body: z.string().nullish(),
  plain_body: z.string().nullish(),
  public: z.boolean(),
  created_at: ZendeskTime,
});
export type ZendeskComment = z.infer<typeof ZendeskComment>;

export const ZendeskCommentsPage = z.looseObject({
  comments: z.array(z.unknown()),
  meta: ZendeskCursorMeta.nullish(),
});

/** A ticket as a write reads it back: its fields and when it last changed. */
export const ZendeskTicketEnvelope = z.looseObject({ ticket: ZendeskTicket });

/** What Zendesk says when it refuses: {error, description, details: {field: [{description}]}}. */
export const ZendeskErrorBody = z.looseObject({
  error: z.union([z.string(), z.looseObject({ title: z.string().nullish(), message: z.string().nullish() })]).nullish(),
  description: z.string().nullish(),
  /** Per field (or "base"): a list of {description}; read one entry at a time, as their shapes vary. */
  details: z.record(z.string(), z.unknown()).nullish(),
});

export const ZendeskMe = z.looseObject({
  user: z.looseObject({ id: z.number().int().nullish(), name: z.string().nullish(), role: z.string().nullish() }),
});

export const ZendeskUsersPage = z.looseObject({ users: z.array(z.unknown()) });
export const ZendeskOrganizationsPage = z.looseObject({ organizations: z.array(z.unknown()) });
