import { z } from 'zod';

// The fields we read from Intercom's payloads (API 2.16); everything else is kept untouched in the raw copy.
const UnixSeconds = z.number().int().nonnegative();
/** Ids are strings in the spec, but its own examples send some (parts, admins) as integers. */
const Id = z.union([z.string().min(1), z.number().int().nonnegative()]).transform(String);
/** Assignee ids are integers, 0 (or null) when nobody is assigned. */
const AssigneeId = z
  .union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)])
  .nullish()
  .transform((id) => (id == null || Number(id) === 0 ? null : String(id)));

export const CONVERSATION_STATES = ['open', 'closed', 'snoozed'] as const;
export const ConversationState = z.enum(CONVERSATION_STATES);
export type ConversationState = z.infer<typeof ConversationState>;

/** 2.16's five levels. Versions up to 2.15 send `priority` / `not_priority`: such a record fails here, loudly. */
export const PRIORITY_LEVELS = ['none', 'low', 'medium', 'high', 'urgent'] as const;
export const PriorityLevel = z.enum(PRIORITY_LEVELS);
export type PriorityLevel = z.infer<typeof PriorityLevel>;

/** Who wrote a part or started a conversation: a contact (user, lead), a teammate (admin, team) or a bot. */
export const IntercomAuthor = z.looseObject({
  type: z.string(),
  id: Id.nullish(),
  name: z.string().nullish(),
  email: z.string().nullish(),
  from_ai_agent: z.boolean().nullish(),
  is_ai_answer: z.boolean().nullish(),
});
export type IntercomAuthor = z.infer<typeof IntercomAuthor>;

export const IntercomPart = z.looseObject({
  id: Id,
  part_type: z.string().min(1),
  body: z.string().nullish(),
  created_at: UnixSeconds,
  /** Blank for Twitter, says the spec. */
  author: IntercomAuthor.nullish(),
  /** The conversation's state with this part; some payloads leave it out. */
  state: ConversationState.nullish(),
  event_details: z.unknown().optional(),
});
export type IntercomPart = z.infer<typeof IntercomPart>;

/** `event_details` of a part that changed a conversation attribute, e.g. the priority. */
export const AttributeChange = z.looseObject({
  attribute: z.looseObject({ name: z.string() }),
  value: z.looseObject({ name: z.string().nullish(), previous: z.string().nullish() }),
});

/** A conversation as search returns it (no parts). */
export const IntercomConversationSummary = z.looseObject({
  id: z.string().regex(/^\d+$/, 'not a conversation id'),
  created_at: UnixSeconds,
  updated_at: UnixSeconds,
  title: z.string().nullish(),
  state: ConversationState,
  snoozed_until: UnixSeconds.nullish(),
  priority: PriorityLevel.nullish(),
  admin_assignee_id: AssigneeId,
  source: z.looseObject({
    type: z.string().nullish(),
    subject: z.string().nullish(),
    body: z.string().nullish(),
    author: IntercomAuthor.nullish(),
  }),
  contacts: z.looseObject({ contacts: z.array(z.looseObject({ id: z.string().min(1) })) }).nullish(),
  tags: z.looseObject({ tags: z.array(z.looseObject({ name: z.string(), applied_at: UnixSeconds.nullish() })) }).nullish(),
  statistics: z
    .looseObject({ count_conversation_parts: z.number().int().nonnegative().nullish(), first_admin_reply_at: UnixSeconds.nullish() })
    .nullish(),
  /** Checked on its own, as an organization record. */
  company: z.unknown().optional(),
});
export type IntercomConversationSummary = z.infer<typeof IntercomConversationSummary>;

/** GET /conversations/{id}: the conversation with its 500 most recent parts, each checked on its own. */
export const IntercomConversation = IntercomConversationSummary.extend({
  conversation_parts: z.looseObject({ conversation_parts: z.array(z.unknown()), total_count: z.number().int().nonnegative().nullish() }),
});
export type IntercomConversation = z.infer<typeof IntercomConversation>;

export const IntercomContact = z.looseObject({
  id: z.string().min(1),
  role: z.string(),
  name: z.string().nullish(),
  email: z.string().nullish(),
  updated_at: UnixSeconds.nullish(),
  companies: z.looseObject({ data: z.array(z.looseObject({ id: z.string().min(1) })) }).nullish(),
});
export type IntercomContact = z.infer<typeof IntercomContact>;

export const IntercomCompany = z.looseObject({
  id: z.string().min(1),
  name: z.string().nullish(),
  /** The customer's plan lives here, on the company. */
  plan: z.looseObject({ name: z.string().nullish() }).nullish(),
  updated_at: UnixSeconds.nullish(),
});
export type IntercomCompany = z.infer<typeof IntercomCompany>;

export const IntercomAdmin = z.looseObject({ id: Id, name: z.string().nullish(), email: z.string().nullish() });
export type IntercomAdmin = z.infer<typeof IntercomAdmin>;

export const IntercomAdminList = z.looseObject({ admins: z.array(z.unknown()) });

/** GET /me: the token's admin, with the workspace ("app") whose id_code makes inbox links. */
export const IntercomMe = z.looseObject({
  type: z.string(),
  id: Id.nullish(),
  name: z.string().nullish(),
  email: z.string().nullish(),
  app: z.looseObject({ id_code: z.string().min(1) }).nullish(),
});

/** The envelope is checked strictly; the conversations inside are checked one by one. */
export const IntercomSearchPage = z.looseObject({
  conversations: z.array(z.unknown()),
  pages: z.looseObject({ next: z.looseObject({ starting_after: z.string().nullish() }).nullish() }).nullish(),
});

export const IntercomDeletedConversation = z.looseObject({ id: z.string().min(1), deleted_at: UnixSeconds });
export type IntercomDeletedConversation = z.infer<typeof IntercomDeletedConversation>;

/** GET /conversations/deleted (2.16 and later): page-numbered, newest deletion first with order=desc. */
export const IntercomDeletedPage = z.looseObject({
  conversations: z.array(z.unknown()),
  pages: z.looseObject({ next: z.string().nullish() }).nullish(),
});

/** Intercom's error body: `{"type": "error.list", "errors": [{"code": "unauthorized", "message": "Access Token Invalid"}]}`. */
export const IntercomErrorList = z.looseObject({
  errors: z.array(z.looseObject({ code: z.string(), message: z.string().nullish() })).min(1),
});

/** A tag as GET /tags lists it and as tagging answers: written by id, known to people by name. */
export const IntercomTag = z.looseObject({ id: Id, name: z.string().min(1) });
export type IntercomTag = z.infer<typeof IntercomTag>;

/** GET /tags: every tag of the workspace, in one list. */
export const IntercomTagList = z.looseObject({ data: z.array(z.unknown()) });
