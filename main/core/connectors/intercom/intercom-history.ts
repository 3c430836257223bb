// An Intercom conversation's parts as the normalized history the SLA engine reads, and as the messages of the ticket
// view. Who wrote a part decides what it means: a contact's part is a customer message, a teammate's a public reply
// (a note is internal whoever writes it), a bot's automated. State changes come from the part's `state` when the
// payload carries it, else from its type; priority changes from `conversation_attribute_updated_by_*` parts.
import type { TicketEvent } from '../../../../shared/domain/ticket-event.ts';
import type { SyncedMessage, SyncedTicketEvent } from '../../sync/sync-page.ts';
import { authorKindOf, isoFromUnix, severityOfPriority, statusOfState, type AuthorKind } from './intercom-mapping.ts';
import { AttributeChange, PriorityLevel, type ConversationState, type IntercomConversation, type IntercomPart } from './intercom-payloads.ts';

export interface IntercomHistory {
  events: SyncedTicketEvent[];
  messages: SyncedMessage[];
  /** Parts Intercom left out: it serves only the 500 most recent of a conversation. */
  missingParts: number;
}

type Said = { message: SyncedMessage['kind']; event: (at: string) => TicketEvent };

const SAID: Record<SyncedMessage['kind'], Said> = {
  customer: { message: 'customer', event: (at) => ({ type: 'customer_message', at }) },
  agent: { message: 'agent', event: (at) => ({ type: 'agent_reply', at, public: true }) },
  note: { message: 'note', event: (at) => ({ type: 'internal_note', at }) },
  automated: { message: 'automated', event: (at) => ({ type: 'automated_message', at }) },
};

/** What a part says, if it says anything: a note, or a message by a customer, a teammate or a bot. */
function saidBy(part: IntercomPart, author: AuthorKind | null, hasBody: boolean): Said | null {
  if (part.part_type === 'note' || part.part_type.startsWith('note_')) return SAID.note;
  // A customer's click on a quick-reply option carries no body and still answers.
  if (author === 'customer') return hasBody || part.part_type === 'quick_reply' ? SAID.customer : null;
  if (!hasBody) return null;
  // A teammate's close, assignment or snooze with a body sends that body to the customer.
  return author === 'teammate' ? SAID.agent : SAID.automated;
}

const OPENING_PARTS = new Set(['open', 'unsnoozed', 'timer_unsnooze', 'assign_and_reopen', 'assign_and_unsnooze']);

function stateAfter(part: IntercomPart, said: Said | null, state: ConversationState): ConversationState {
  if (part.state) return part.state;
  if (part.part_type === 'close') return 'closed';
  if (part.part_type === 'snoozed') return 'snoozed';
  if (OPENING_PARTS.has(part.part_type)) return 'open';
  // A customer writing wakes a snoozed conversation and reopens a closed one.
  return said === SAID.customer ? 'open' : state;
}

/** The priority a part set, and the one before, if the part changed it. */
function priorityChangeOf(part: IntercomPart): { name: PriorityLevel; previous: PriorityLevel | null } | null {
  if (!part.part_type.startsWith('conversation_attribute_updated_by_')) return null;
  const change = AttributeChange.safeParse(part.event_details);
  if (!change.success || change.data.attribute.name.toLowerCase() !== 'priority') return null;
  const name = PriorityLevel.safeParse(change.data.value.name);
  const previous = PriorityLevel.safeParse(change.data.value.previous);
  return name.success ? { name: name.data, previous: previous.success ? previous.data : null } : null;
}

export function mapIntercomHistory(conversation: IntercomConversation, parts: readonly IntercomPart[]): IntercomHistory {
  const ticketSourceId = conversation.id;
  const events: SyncedTicketEvent[] = [];
  const messages: SyncedMessage[] = [];
  const push = (eventId: string, event: TicketEvent): void => {
    events.push({ ticketSourceId, eventId, event });
  };
  const keep = (messageId: string, at: string, kind: SyncedMessage['kind'], authorId: string | null, html: string): void => {
    messages.push({ ticketSourceId, messageId, at, kind, authorId, html });
  };

  const tags = conversation.tags?.tags ?? [];
  const appliedAt = (tag: (typeof tags)[number]): number => tag.applied_at ?? conversation.created_at;
  const tagsAt = (t: number): string[] => tags.filter((tag) => appliedAt(tag) <= t).map((tag) => tag.name).sort();

  // The first message is the conversation's source; `created` stands for it. Its priority is the one the first
  // priority change started from, if a part shows one.
  const createdAt = isoFromUnix(conversation.created_at);
  const opener = authorKindOf(conversation.source.author);
  const firstChange = parts.map(priorityChangeOf).find((change) => change !== null);
  const initialPriority = firstChange ? firstChange.previous : conversation.priority;
  push('created', {
    type: 'created',
    at: createdAt,
    by: opener === 'teammate' || opener === 'bot' ? 'agent' : 'customer',
    severity: severityOfPriority(initialPriority),
    status: 'open',
    tags: tagsAt(conversation.created_at),
  });
  const sourceBody = conversation.source.body?.trim();
  if (sourceBody) {
    const kind = opener === 'teammate' ? 'agent' : opener === 'bot' ? 'automated' : 'customer';
    keep('source', createdAt, kind, conversation.source.author?.id ?? null, conversation.source.body ?? '');
  }

  let state: ConversationState = 'open';
  const changeState = (eventId: string, at: string, next: ConversationState): void => {
    push(eventId, { type: 'status_change', at, status: statusOfState(next) });
    state = next;
  };
  let priority = initialPriority ?? 'none';
  for (const part of parts) {
    const at = isoFromUnix(part.created_at);
    const author = authorKindOf(part.author);
    const hasBody = (part.body ?? '').trim() !== '';
    const said = saidBy(part, author, hasBody);
    if (said) {
      if (hasBody) keep(part.id, at, said.message, part.author?.id ?? null, part.body ?? '');
      push(part.id, said.event(at));
    }
    const next = stateAfter(part, said, state);
    if (next !== state) changeState(`${part.id}:state`, at, next);
    const change = priorityChangeOf(part);
    if (change) {
      priority = change.name;
      const severity = severityOfPriority(change.name);
      // "none" has no severity to change to: the clocks keep the last one.
      if (severity !== null) push(`${part.id}:priority`, { type: 'severity_change', at, severity, setBy: author === 'customer' ? 'customer' : 'responder' });
    }
  }

  // The conversation as it stands wins over what its parts imply (parts left out, or changes no part shows).
  const updatedAt = isoFromUnix(conversation.updated_at);
  if (state !== conversation.state) changeState(`state@${conversation.updated_at}`, updatedAt, conversation.state);
  const current = conversation.priority ?? 'none';
  const currentSeverity = severityOfPriority(current);
  if (current !== priority && currentSeverity !== null) {
    push(`priority@${conversation.updated_at}`, { type: 'severity_change', at: updatedAt, severity: currentSeverity, setBy: 'responder' });
  }
  // A snooze ends by itself at snoozed_until: the pause it makes has that end.
  const snooze = events.findLast((e) => e.event.type === 'status_change');
  if (conversation.state === 'snoozed' && conversation.snoozed_until != null && snooze) {
    snooze.event = { type: 'status_change', at: snooze.event.at, status: 'pending', until: isoFromUnix(conversation.snoozed_until) };
  }

  // Tags come without history, only with when each was applied: the set as it grew, then as it is now (which also
  // drops a tag removed since an earlier sync stored it).
  const later = [...new Set(tags.map(appliedAt))].filter((t) => t > conversation.created_at).sort((a, b) => a - b);
  for (const t of later) push(`tags@${t}`, { type: 'tags_change', at: isoFromUnix(t), tags: tagsAt(t) });
  push('tags', { type: 'tags_change', at: updatedAt, tags: tags.map((tag) => tag.name).sort() });

  const returned = conversation.conversation_parts.conversation_parts.length;
  const total = Math.max(conversation.statistics?.count_conversation_parts ?? 0, conversation.conversation_parts.total_count ?? 0);
  const missingParts = Math.max(0, total - returned);
  // The first reply stops the first-response clock: when it is among the parts left out, the statistics still say when.
  const firstReplyAt = conversation.statistics?.first_admin_reply_at;
  const oldestReturned = parts[0]?.created_at ?? Infinity;
  if (missingParts > 0 && firstReplyAt != null && firstReplyAt >= conversation.created_at && firstReplyAt < oldestReturned) {
    push('first-admin-reply', { type: 'agent_reply', at: isoFromUnix(firstReplyAt), public: true });
  }
  return { events, messages, missingParts };
}
