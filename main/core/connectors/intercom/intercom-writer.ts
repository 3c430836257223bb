// Intercom's side of the outbox. One entry can take several requests: the reply or note, the assignment, the
// priority, each tag, then the state last (an assignment reopens a closed or snoozed conversation). Each request
// Intercom acknowledges is recorded as a step, so a retry or a crash never sends it again; a resumed entry first reads
// the conversation back and counts as done what it already shows. Intercom documents no idempotency key and no
// conflict answer, so this is at least once with that duplicate check.
import type { TicketStatus } from '../../../../shared/domain/ticket.ts';
import type { HelpdeskWriter, WriteAttempt, WriteOutcome } from '../../outbox/helpdesk-writer.ts';
import type { OutboxItem } from '../../outbox/outbox-store.ts';
import type { WriteAnswer } from '../../outbox/write-request.ts';
import { HelpdeskHttpError } from '../../sync/helpdesk-http.ts';
import { intercomErrorWords } from './intercom-error-words.ts';
import { priorityOfSeverity, stateOfStatus } from './intercom-mapping.ts';
import {
  type ConversationState,
  IntercomConversation,
  IntercomConversationSummary,
  IntercomPart,
  IntercomTag,
  IntercomTagList,
  type PriorityLevel,
} from './intercom-payloads.ts';
import { replyHtml, saysSameText } from './reply-html.ts';

/** One write request as the connector sends it: once, with its headers and rate limiter. */
export interface IntercomWriteRequest {
  method: 'POST' | 'PUT' | 'DELETE';
  /** From the API base, e.g. `/conversations/123/reply`. */
  path: string;
  body: Record<string, unknown>;
  /** An Intercom-Version other than the connector's own, for the one request that needs it. */
  version?: string;
}

/** What the writer needs from the connector: its reads (retried), its writes (sent once) and who it writes as. */
export interface IntercomWriteApi {
  read(path: string): Promise<unknown>;
  write(request: IntercomWriteRequest): Promise<WriteAnswer>;
  /** The admin whose access token syncs the account: the author of replies, "me" of assignments. */
  adminId(): Promise<string>;
}

/**
 * Priority has no write in 2.15 or 2.16; the Preview version takes `priority` on PUT /conversations/{id}, with the
 * same five levels 2.16 reads.
 */
export const PRIORITY_WRITE_VERSION = 'Preview';
/** A pending conversation is snoozed this long (Intercom's own "snooze until tomorrow"); the customer's reply wakes it sooner. */
export const PENDING_SNOOZE_SECONDS = 24 * 3600;
/** Parts are compared with the entry's time minus this, for the clocks of this machine and Intercom's. */
const CLOCK_SKEW_SECONDS = 60;

/** The conversation as read back before a resumed entry sends anything. */
interface ReadBack {
  conversation: IntercomConversation;
  parts: IntercomPart[];
  /** Only the 500 most recent parts come back: when parts are missing, the oldest returned part's time, else null. */
  cutAt: number | null;
}

type Shown = 'yes' | 'no' | 'cannot tell';

interface WriteStep {
  /** Stable across attempts: it is what `stepsDone` records. */
  name: string;
  /** What it does and what it makes, for the reason of a refusal: "send the reply", "the reply". */
  does: string;
  what: string;
  shownIn(readBack: ReadBack): Shown;
  /** Sends the step; a refusal in the answer itself (a 2xx that did not change the field) comes back as its reason. */
  send(): Promise<{ answer: WriteAnswer; refusal: string | null }>;
}

export class IntercomWriter implements HelpdeskWriter {
  readonly #api: IntercomWriteApi;
  readonly #now: () => Date;

  constructor(api: IntercomWriteApi, options: { now?: () => Date } = {}) {
    this.#api = api;
    this.#now = options.now ?? (() => new Date());
  }

  async apply(entry: OutboxItem, attempt: WriteAttempt): Promise<WriteOutcome> {
    const conversationId = entry.ticket.sourceId;
    const done = new Set(attempt.stepsDone);
    const adminId = await this.#api.adminId();
    const steps = this.#plan(entry, conversationId, adminId);
    const refused = (reason: string): WriteOutcome => {
      const already = steps.filter((step) => done.has(step.name)).map((step) => step.what);
      const suffix = already.length > 0 ? `; already on Intercom: ${already.join(', ')}` : '';
      return { kind: 'rejected', reason: `${reason}${suffix}`.replace(/\s+/g, ' ') };
    };
    let current = 'read the conversation back';
    try {
      const readBack = attempt.resumed && steps.some((step) => !done.has(step.name)) ? await this.#readBack(conversationId) : null;
      for (const step of steps) {
        if (done.has(step.name)) continue;
        current = step.does;
        const shown = readBack === null ? 'no' : step.shownIn(readBack);
        if (shown === 'cannot tell') {
          return refused(
            `Intercom serves only the 500 most recent parts of conversation ${conversationId} and all came after this was first sent, ` +
              `so whether ${step.what} arrived cannot be checked: look in Intercom, then retry or discard it`,
          );
        }
        if (shown === 'no') {
          const { answer, refusal } = await step.send();
          if (answer.status === 409) return { kind: 'conflict', reason: `Intercom answered 409 to ${step.does}: ${describeBody(answer.body)}` };
          if (refusal !== null) return refused(refusal);
        }
        attempt.stepDone(step.name);
        done.add(step.name);
      }
      return { kind: 'sent' };
    } catch (error) {
      if (!(error instanceof HelpdeskHttpError)) throw error;
      const words = intercomErrorWords(error.body) ?? (error.body.replace(/\s+/g, ' ').trim().slice(0, 200) || 'no reason given');
      return refused(`Intercom refused to ${current} (HTTP ${error.status}: ${words})`);
    }
  }

  /** The requests an entry takes, in the order they are sent. */
  #plan(entry: OutboxItem, id: string, adminId: string): WriteStep[] {
    const steps: WriteStep[] = [];
    const path = `/conversations/${encodeURIComponent(id)}`;
    const since = Math.floor(Date.parse(entry.createdAt) / 1000) - CLOCK_SKEW_SECONDS;
    const { comment, changes } = entry.write;
    if (comment) {
      const messageType = comment.public ? 'comment' : 'note';
      steps.push({
        name: 'reply',
        does: comment.public ? 'send the reply' : 'add the note',
        what: comment.public ? 'the reply' : 'the note',
        shownIn: (readBack) => replyShown(readBack, { adminId, public: comment.public, text: comment.body, since }),
        send: async () => ({
          answer: await this.#api.write({ method: 'POST', path: `${path}/reply`, body: { message_type: messageType, type: 'admin', admin_id: adminId, body: replyHtml(comment.body) } }),
          refusal: null,
        }),
      });
    }
    if (changes?.assignee) {
      const assignee = changes.assignee === 'me' ? adminId : null;
      steps.push({
        name: 'assignee',
        does: assignee === null ? 'unassign the conversation' : 'assign the conversation',
        what: 'the assignment',
        shownIn: ({ conversation }) => (conversation.admin_assignee_id === assignee ? 'yes' : 'no'),
        send: async () => ({
          answer: await this.#api.write({
            method: 'POST',
            path: `${path}/parts`,
            body: { message_type: 'assignment', type: 'admin', admin_id: adminId, assignee_id: assignee ?? '0' },
          }),
          refusal: null,
        }),
      });
    }
    if (changes?.severity) {
      const priority = priorityOfSeverity(changes.severity);
      steps.push({
        name: 'priority',
        does: `set the priority to ${priority}`,
        what: `priority ${priority}`,
        shownIn: ({ conversation }) => (conversation.priority === priority ? 'yes' : 'no'),
        send: async () => {
          const answer = await this.#api.write({ method: 'PUT', path, body: { priority, admin_id: adminId }, version: PRIORITY_WRITE_VERSION });
          return { answer, refusal: priorityRefusal(answer, priority) };
        },
      });
    }
    const tagIds = new TagIds(this.#api);
    for (const name of changes?.addTags ?? []) {
      steps.push({
        name: `tag+${name}`,
        does: `tag it ${name}`,
        what: `tag ${name}`,
        shownIn: ({ conversation }) => (hasTag(conversation, name) ? 'yes' : 'no'),
        send: async () => {
          const tagId = await tagIds.idOf(name, { create: true });
          return { answer: await this.#api.write({ method: 'POST', path: `${path}/tags`, body: { id: tagId, admin_id: adminId } }), refusal: null };
        },
      });
    }
    for (const name of changes?.removeTags ?? []) {
      steps.push({
        name: `tag-${name}`,
        does: `remove the tag ${name}`,
        what: `tag ${name} removed`,
        shownIn: ({ conversation }) => (hasTag(conversation, name) ? 'no' : 'yes'),
        send: async () => {
          const tagId = await tagIds.idOf(name, { create: false });
          // A tag the workspace does not have is on no conversation: nothing to remove.
          if (tagId === null) return { answer: { status: 200, body: null }, refusal: null };
          return { answer: await this.#api.write({ method: 'DELETE', path: `${path}/tags/${encodeURIComponent(tagId)}`, body: { admin_id: adminId } }), refusal: null };
        },
      });
    }
    if (changes?.status) {
      const state = stateOfStatus(changes.status);
      const status = changes.status;
      steps.push({
        name: 'state',
        does: `${stateVerb(state)} the conversation`,
        what: `the conversation ${state}`,
        shownIn: ({ conversation }) => (conversation.state === state ? 'yes' : 'no'),
        send: async () => ({ answer: await this.#api.write({ method: 'POST', path: `${path}/parts`, body: this.#stateBody(status, adminId) }), refusal: null }),
      });
    }
    return steps;
  }

  #stateBody(status: TicketStatus, adminId: string): Record<string, unknown> {
    switch (stateOfStatus(status)) {
      case 'open':
        return { message_type: 'open', admin_id: adminId };
      case 'snoozed':
        return { message_type: 'snoozed', admin_id: adminId, snoozed_until: Math.floor(this.#now().getTime() / 1000) + PENDING_SNOOZE_SECONDS };
      case 'closed':
        return { message_type: 'close', type: 'admin', admin_id: adminId };
    }
  }

  async #readBack(id: string): Promise<ReadBack> {
    const parsed = IntercomConversation.safeParse(await this.#api.read(`/conversations/${encodeURIComponent(id)}`));
    if (!parsed.success) throw new Error(`Intercom conversation ${id} read back before sending again is not a conversation: ${parsed.error.issues[0]?.message ?? ''}`);
    const conversation = parsed.data;
    const parts = conversation.conversation_parts.conversation_parts.flatMap((raw) => {
      const part = IntercomPart.safeParse(raw);
      return part.success ? [part.data] : [];
    });
    const returned = conversation.conversation_parts.conversation_parts.length;
    const total = Math.max(conversation.statistics?.count_conversation_parts ?? 0, conversation.conversation_parts.total_count ?? 0, returned);
    const oldest = Math.min(...parts.map((part) => part.created_at));
    return { conversation, parts, cutAt: total > returned && parts.length > 0 ? oldest : null };
  }
}

/** Whether the reply (or note) is among the conversation's parts: by this admin, the same text, after the entry was written. */
function replyShown(readBack: ReadBack, reply: { adminId: string; public: boolean; text: string; since: number }): Shown {
  const found = readBack.parts.some(
    (part) =>
      part.created_at >= reply.since &&
      part.author?.type === 'admin' &&
      part.author.id === reply.adminId &&
      (reply.public ? part.part_type === 'comment' : part.part_type === 'note' || part.part_type.startsWith('note_')) &&
      saysSameText(part.body ?? '', reply.text),
  );
  if (found) return 'yes';
  return readBack.cutAt !== null && readBack.cutAt > reply.since ? 'cannot tell' : 'no';
}

function hasTag(conversation: IntercomConversationSummary, name: string): boolean {
  return (conversation.tags?.tags ?? []).some((tag) => tag.name.toLowerCase() === name.toLowerCase());
}

/** A 2xx to the priority write that shows another priority: the version or the workspace ignored the field. */
function priorityRefusal(answer: WriteAnswer, priority: PriorityLevel): string | null {
  const conversation = IntercomConversationSummary.safeParse(answer.body);
  if (!conversation.success || conversation.data.priority === priority) return null;
  return `Intercom accepted the priority change but the conversation's priority is still ${conversation.data.priority ?? 'none'}: this workspace's API does not set priority`;
}

function stateVerb(state: ConversationState): string {
  return state === 'open' ? 'open' : state === 'snoozed' ? 'snooze' : 'close';
}

/** The workspace's tag ids by name (Intercom's names are case-insensitive), read once per entry. */
class TagIds {
  readonly #api: IntercomWriteApi;
  #byName: Map<string, string> | null = null;

  constructor(api: IntercomWriteApi) {
    this.#api = api;
  }

  async idOf(name: string, options: { create: boolean }): Promise<string | null> {
    this.#byName ??= await this.#list();
    const known = this.#byName.get(name.toLowerCase());
    if (known !== undefined || !options.create) return known ?? null;
    // POST /tags finds the tag by name or creates it: sending it again after a lost answer makes no second tag.
    const answer = await this.#api.write({ method: 'POST', path: '/tags', body: { name } });
    const tag = IntercomTag.safeParse(answer.body);
    if (!tag.success) throw new Error(`Intercom's answer to creating the tag "${name}" names no tag id`);
    this.#byName.set(name.toLowerCase(), tag.data.id);
    return tag.data.id;
  }

  async #list(): Promise<Map<string, string>> {
    const list = IntercomTagList.safeParse(await this.#api.read('/tags'));
    if (!list.success) throw new Error(`unexpected Intercom tag list: ${list.error.issues[0]?.message ?? ''}`);
    const byName = new Map<string, string>();
    for (const raw of list.data.data) {
      const tag = IntercomTag.safeParse(raw);
      if (tag.success) byName.set(tag.data.name.toLowerCase(), tag.data.id);
    }
    return byName;
  }
}

function describeBody(body: unknown): string {
  return body === null ? 'no reason given' : JSON.stringify(body).slice(0, 200);
}
