// A Help Scout conversation's threads as the normalized history the SLA engine reads, and as the messages of the
// ticket view. The thread's type says what it is for customer threads and notes; for messages, chats and calls the
// author decides: a user's is the team's reply, a customer's the customer's message. Every thread carries the
// conversation status it set (or "nochange"), which is where status changes come from: a reply that sets pending
// leaves no line item.
import type { TicketEvent } from '../../../../shared/domain/ticket-event.ts';
import type { TicketStatus } from '../../../../shared/domain/ticket.ts';
import type { SyncedMessage, SyncedTicketEvent } from '../../sync/sync-page.ts';
import { toUtcSeconds } from '../zendesk/zendesk-mapping.ts';
import { personSourceId, severityOfTags, tagsOf } from './helpscout-mapping.ts';
import type { HelpScoutConversation, HelpScoutThread } from './helpscout-payloads.ts';

// Spam is not a status the engine knows: the ticket's deleted flag takes it out of the queue instead.
const STATUS_OF_THREAD: Readonly<Record<string, TicketStatus>> = { active: 'open', pending: 'pending', closed: 'closed' };

type Speaker = SyncedMessage['kind'];

function speakerOf(thread: HelpScoutThread): Speaker | null {
  if (thread.type === 'lineitem') return null;
  if (thread.type === 'note') return 'note';
  // An agent may file a customer thread on the customer's behalf: it is still the customer speaking.
  if (thread.type === 'customer') return 'customer';
  if (thread.type !== 'message' && thread.type !== 'chat' && thread.type !== 'phone') return null;
  if (thread.createdBy?.type === 'customer') return 'customer';
  // Nobody signed it: an auto-reply or a workflow, never a response.
  return thread.createdBy?.type === 'user' ? 'agent' : 'automated';
}

const MESSAGE_EVENTS: Record<Speaker, (at: string) => TicketEvent> = {
  customer: (at) => ({ type: 'customer_message', at }),
  agent: (at) => ({ type: 'agent_reply', at, public: true }),
  note: (at) => ({ type: 'internal_note', at }),
  automated: (at) => ({ type: 'automated_message', at }),
};

/** Drafts are not sent yet: neither history nor conversation. */
export function publishedThreadsOldestFirst(threads: readonly HelpScoutThread[]): HelpScoutThread[] {
  return threads
    .filter((t) => t.state == null || t.state === 'published')
    .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.id - b.id);
}

export interface HelpScoutHistory {
  events: SyncedTicketEvent[];
  messages: SyncedMessage[];
}

/**
 * `threads` oldest first. Help Scout keeps no history of tags, so the severity tag counts from creation at its
 * current value (a later change re-targets from the metric's start anyway, DESIGN §5).
 */
export function mapHelpScoutHistory(conversation: HelpScoutConversation, threads: readonly HelpScoutThread[]): HelpScoutHistory {
  const ticketSourceId = String(conversation.id);
  const events: SyncedTicketEvent[] = [];
  const messages: SyncedMessage[] = [];
  const push = (eventId: string, event: TicketEvent): void => {
    events.push({ ticketSourceId, eventId, event });
  };
  const tags = tagsOf(conversation);
  const opener = threads.find((t) => speakerOf(t) !== null);
  const openerSpeaker = opener ? speakerOf(opener) : null;
  // A logged call is the customer calling: an agent answered them there and then.
  const calledIn = opener?.type === 'phone' && openerSpeaker === 'agent';
  const byAgent = !calledIn && (openerSpeaker === 'agent' || openerSpeaker === 'note');
  push('created', {
    type: 'created',
    at: toUtcSeconds(conversation.createdAt),
    by: byAgent ? 'agent' : 'customer',
    severity: severityOfTags(tags),
    status: 'open',
    tags,
  });

  let status: TicketStatus = 'open';
  for (const thread of threads) {
    const at = toUtcSeconds(thread.createdAt);
    const speaker = speakerOf(thread);
    if (speaker !== null) {
      if (thread.body != null) {
        const authorId = thread.createdBy ? personSourceId(thread.createdBy) : null;
        messages.push({ ticketSourceId, messageId: String(thread.id), at, kind: speaker, authorId, html: thread.body });
      }
      // The opening message is what `created` stands for, except a call, which was answered as it was logged.
      if (thread !== opener || calledIn) push(String(thread.id), MESSAGE_EVENTS[speaker](at));
    }
    const next = STATUS_OF_THREAD[thread.status ?? ''];
    if (next !== undefined && next !== status) {
      push(`${thread.id}:status`, { type: 'status_change', at, status: next });
      status = next;
    }
  }
  return { events, messages };
}
