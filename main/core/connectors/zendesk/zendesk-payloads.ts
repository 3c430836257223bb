import { z } from 'zod';

// The fields we read from Zendesk's payloads; everything else is kept untouched in the raw copy.
const ZendeskId = z.number().int().positive();
const ZendeskTime = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'not a timestamp');

export const ZendeskTicket = z.looseObject({
  id: ZendeskId,
  subject: z.string().nullish(),
  raw_subject: z.string().nullish(),
  description: z.string().nullish(),
  status: z.enum(['new', 'open', 'pending', 'hold', 'solved', 'closed', 'deleted']),
  priority: z.enum(['urgent', 'high', 'normal', 'low']).nullish(),
  requester_id: ZendeskId.nullish(),
  organization_id: ZendeskId.nullish(),
  assignee_id: ZendeskId.nullish(),
  tags: z.array(z.string()).nullish(),
  created_at: ZendeskTime,
  updated_at: ZendeskTime,
});
export type ZendeskTicket = z.infer<typeof ZendeskTicket>;

export const ZendeskUser = z.looseObject({
  id: ZendeskId,
  name: z.string().nullish(),
  email: z.string().nullish(),
  role: z.string().nullish(),
  organization_id: ZendeskId.nullish(),
  updated_at: ZendeskTime.nullish(),
});
export type ZendeskUser = z.infer<typeof ZendeskUser>;

export const ZendeskOrganization = z.looseObject({
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

export const ZendeskMe = z.looseObject({
  user: z.looseObject({ id: z.number().int().nullish(), name: z.string().nullish(), role: z.string().nullish() }),
});

export const ZendeskUsersPage = z.looseObject({ users: z.array(z.unknown()) });
export const ZendeskOrganizationsPage = z.looseObject({ organizations: z.array(z.unknown()) });
