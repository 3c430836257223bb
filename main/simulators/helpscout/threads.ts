/**
 * Thread records as Help Scout keeps them: customer messages, agent replies (type message), internal notes and
 * line items (status changes, assignments). Chat conversations carry chat threads for both sides, and a phone
 * conversation starts with the agent's log of the call.
 */

import { htmlFromText } from './content.ts';
import type { ConversationRecord, ThreadRecord, ThreadStatus, ThreadType, UserRecord } from './types.ts';

/** Help Scout refuses new threads on a conversation that already has this many (412). */
export const THREAD_LIMIT = 100;

export function threadId(conversationId: number, index: number): number {
  return conversationId * THREAD_LIMIT + index;
}

export function fullName(person: { firstName: string; lastName: string }): string {
  return `${person.firstName} ${person.lastName}`;
}

interface Base {
  conversation: ConversationRecord;
  createdAt: number;
}

function push(conversation: ConversationRecord, thread: Omit<ThreadRecord, 'id'>): ThreadRecord {
  const record: ThreadRecord = { id: threadId(conversation.id, conversation.threads.length), ...thread };
  conversation.threads.push(record);
  return record;
}

export function addCustomerThread(
  o: Base & { text: string; html?: string; mailboxEmail: string; cc?: string[] },
): ThreadRecord {
  const type: ThreadType = o.conversation.type === 'chat' ? 'chat' : 'customer';
  return push(o.conversation, {
    type,
    status: 'active',
    state: 'published',
    actionText: null,
    body: o.html ?? htmlFromText(o.text),
    text: o.text,
    userId: null,
    assignedTo: o.conversation.assigneeId,
    to: type === 'customer' ? [o.mailboxEmail] : [],
    cc: o.cc ?? [],
    createdAt: o.createdAt,
    openedAt: null,
  });
}

/** An agent's public reply; on a phone conversation the first one is the agent's log of the call. */
export function addAgentMessage(
  o: Base & { user: UserRecord; text: string; status: ThreadStatus; customerEmail: string; openedAt?: number | null; draft?: boolean; type?: ThreadType },
): ThreadRecord {
  const type: ThreadType = o.type ?? (o.conversation.type === 'chat' ? 'chat' : 'message');
  return push(o.conversation, {
    type,
    status: o.status,
    state: o.draft ? 'draft' : 'published',
    actionText: null,
    body: htmlFromText(o.text),
    text: o.text,
    userId: o.user.id,
    assignedTo: o.conversation.assigneeId,
    to: type === 'message' ? [o.customerEmail] : [],
    cc: [],
    createdAt: o.createdAt,
    openedAt: o.openedAt ?? null,
  });
}

export function addNote(o: Base & { user: UserRecord; text: string; status?: ThreadStatus }): ThreadRecord {
  return push(o.conversation, {
    type: 'note',
    status: o.status ?? 'nochange',
    state: 'published',
    actionText: null,
    body: htmlFromText(o.text),
    text: o.text,
    userId: o.user.id,
    assignedTo: o.conversation.assigneeId,
    to: [],
    cc: [],
    createdAt: o.createdAt,
    openedAt: null,
  });
}

export function addLineItem(o: Base & { user: UserRecord; status: ThreadStatus; text: string }): ThreadRecord {
  return push(o.conversation, {
    type: 'lineitem',
    status: o.status,
    state: 'published',
    actionText: o.text,
    body: '',
    text: '',
    userId: o.user.id,
    assignedTo: o.conversation.assigneeId,
    to: [],
    cc: [],
    createdAt: o.createdAt,
    openedAt: null,
  });
}

export function statusLineText(status: ThreadStatus): string {
  switch (status) {
    case 'active':
      return 'Marked as Active';
    case 'pending':
      return 'Marked as Pending';
    case 'closed':
      return 'Marked as Closed';
    case 'spam':
      return 'Marked as Spam';
    default:
      return 'Updated';
  }
}

/** Threads a customer or an agent can read (not line items, not drafts). */
export function isMessage(t: ThreadRecord): boolean {
  return t.state === 'published' && (t.type === 'customer' || t.type === 'message' || t.type === 'chat' || t.type === 'phone');
}
