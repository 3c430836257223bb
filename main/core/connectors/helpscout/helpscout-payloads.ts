import { z } from 'zod';

// The fields we read from Help Scout's Mailbox API 2.0 payloads (HAL+JSON); everything else is kept in the raw copy.
const HelpScoutId = z.number().int().positive();
const HelpScoutTime = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'not a timestamp');

/** A user or customer as conversations and threads embed them ({id, type, first, last, email}). */
const PersonRef = z.looseObject({
  id: z.number().int().nonnegative(),
  type: z.string().nullish(),
  first: z.string().nullish(),
  last: z.string().nullish(),
  email: z.string().nullish(),
});
export type HelpScoutPersonRef = z.infer<typeof PersonRef>;

/**
 * One thread of a conversation: customer, message (an agent's reply), note, lineitem (status changes, assignments),
 * chat, phone; other types Help Scout may add are read and ignored. `status` is the conversation status the thread
 * set, or "nochange".
 */
export const HelpScoutThread = z.looseObject({
  id: HelpScoutId,
  type: z.string(),
  status: z.string().nullish(),
  state: z.string().nullish(),
  body: z.string().nullish(),
  action: z.looseObject({ type: z.string().nullish(), text: z.string().nullish() }).nullish(),
  createdBy: PersonRef.nullish(),
  createdAt: HelpScoutTime,
});
export type HelpScoutThread = z.infer<typeof HelpScoutThread>;

/** The conversation itself is checked here; its threads one by one, so one bad thread cannot sink the conversation. */
export const HelpScoutConversation = z.looseObject({
  id: HelpScoutId,
  number: z.number().int().nullish(),
  type: z.string().nullish(),
  status: z.enum(['active', 'pending', 'closed', 'spam']),
  state: z.string().nullish(),
  subject: z.string().nullish(),
  assignee: PersonRef.nullish(),
  primaryCustomer: PersonRef.extend({ id: HelpScoutId }),
  createdAt: HelpScoutTime,
  closedAt: HelpScoutTime.nullish(),
  userUpdatedAt: HelpScoutTime.nullish(),
  tags: z.array(z.looseObject({ tag: z.string() })).nullish(),
  _embedded: z.looseObject({ threads: z.array(z.unknown()).nullish() }).nullish(),
});
export type HelpScoutConversation = z.infer<typeof HelpScoutConversation>;

/** A page of GET /v2/conversations: `_embedded` is absent on an empty page, `next` absent on the last one. */
export const HelpScoutConversationsPage = z.looseObject({
  _embedded: z.looseObject({ conversations: z.array(z.unknown()) }).nullish(),
  page: z.looseObject({ totalElements: z.number().int().nonnegative(), number: z.number().int().nonnegative() }),
  _links: z.looseObject({ next: z.looseObject({ href: z.string() }).nullish() }).nullish(),
});

/** GET /v2/conversations/{id}/threads: newest first, 50 a page. */
export const HelpScoutThreadsPage = z.looseObject({
  _embedded: z.looseObject({ threads: z.array(z.unknown()) }).nullish(),
  _links: z.looseObject({ next: z.looseObject({ href: z.string() }).nullish() }).nullish(),
});

export const HelpScoutCustomer = z.looseObject({
  id: HelpScoutId,
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  organizationId: HelpScoutId.nullish(),
  updatedAt: HelpScoutTime.nullish(),
  _embedded: z.looseObject({ emails: z.array(z.looseObject({ value: z.string() })).nullish() }).nullish(),
});
export type HelpScoutCustomer = z.infer<typeof HelpScoutCustomer>;

/** With includeProperties=true: the plan and the API product's customer facts live in organization properties. */
export const HelpScoutOrganization = z.looseObject({
  id: HelpScoutId,
  name: z.string(),
  updatedAt: HelpScoutTime.nullish(),
  properties: z.array(z.looseObject({ slug: z.string().nullish(), name: z.string().nullish(), value: z.unknown() })).nullish(),
});
export type HelpScoutOrganization = z.infer<typeof HelpScoutOrganization>;

export const HelpScoutUser = z.looseObject({ id: HelpScoutId, email: z.string().nullish() });

export const HelpScoutToken = z.looseObject({
  access_token: z.string().min(1),
  expires_in: z.number().positive().nullish(),
});
