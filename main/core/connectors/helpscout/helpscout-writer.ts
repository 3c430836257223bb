// The outbox's writes on Help Scout (Mailbox API 2.0). One entry may take several requests, each a step recorded as
// soon as Help Scout acknowledges it: the reply or note, the status, the assignee, the tags (severity is a tag).
// Help Scout documents no idempotency key and no conditional update, so a write is sent at least once and checked
// for before it is sent again: a resumed entry reads the conversation back first.
import type { OutboxComment, TicketFieldChanges } from '../../../../shared/domain/outbox-entry.ts';
import type { TicketStatus } from '../../../../shared/domain/ticket.ts';
import { describeZodError } from '../../../../shared/validation/describe-zod-error.ts';
import type { HelpdeskWriter, WriteAttempt, WriteOutcome } from '../../outbox/helpdesk-writer.ts';
import type { OutboxItem } from '../../outbox/outbox-store.ts';
import type { WriteAnswer, WriteRequest } from '../../outbox/write-request.ts';
import { HelpdeskHttpError } from '../../sync/helpdesk-http.ts';
import type { HelpScoutClient } from './helpscout-client.ts';
import { errorTextOf } from './helpscout-error-text.ts';
import { HelpScoutConversation, HelpScoutThread } from './helpscout-payloads.ts';
import { hasSentComment } from './helpscout-sent-thread.ts';
import { sameTagSet, tagsAfterChange } from './helpscout-tag-set.ts';

type HelpScoutStatus = 'active' | 'pending' | 'closed';

/** Help Scout has three statuses a person sets: waiting on us (active), on the customer (pending), done (closed). */
const STATUS: Record<TicketStatus, HelpScoutStatus> = { new: 'active', open: 'active', pending: 'pending', hold: 'pending', solved: 'closed', closed: 'closed' };

/** The steps of an entry as `stepsDone` records them, in the order they are sent. */
type Step = 'comment' | 'status' | 'assignee' | 'tags';

export interface HelpScoutWriterDeps {
  client: Pick<HelpScoutClient, 'get' | 'write'>;
  /** The Help Scout user whose app syncs the account: the author of replies and notes, "me" of an assignment. */
  me: () => Promise<number>;
}

export class HelpScoutWriter implements HelpdeskWriter {
  readonly #deps: HelpScoutWriterDeps;

  constructor(deps: HelpScoutWriterDeps) {
    this.#deps = deps;
  }

  apply(entry: OutboxItem, attempt: WriteAttempt): Promise<WriteOutcome> {
    return new ConversationWrite(this.#deps, entry, attempt).run();
  }
}

/** Help Scout refused a step, or reported a conflict: the entry ends with this outcome. */
class StepRefused extends Error {
  readonly outcome: WriteOutcome;
  constructor(outcome: WriteOutcome & { reason: string }) {
    super(outcome.reason);
    this.outcome = outcome;
  }
}

/** One attempt at one entry. */
class ConversationWrite {
  readonly #deps: HelpScoutWriterDeps;
  readonly #entry: OutboxItem;
  readonly #attempt: WriteAttempt;
  readonly #path: string;
  readonly #done: Set<string>;
  /** The conversation as last read; null once a request was sent since (it may have changed it). */
  #fresh: HelpScoutConversation | null = null;

  constructor(deps: HelpScoutWriterDeps, entry: OutboxItem, attempt: WriteAttempt) {
    this.#deps = deps;
    this.#entry = entry;
    this.#attempt = attempt;
    this.#path = `/v2/conversations/${encodeURIComponent(entry.ticket.sourceId)}`;
    this.#done = new Set(attempt.stepsDone);
  }

  async run(): Promise<WriteOutcome> {
    try {
      const { comment, changes } = this.#entry.write;
      if (comment && !this.#done.has('comment')) await this.#comment(comment, changes?.status);
      if (changes?.status && !this.#done.has('status')) await this.#status(STATUS[changes.status]);
      if (changes?.assignee && !this.#done.has('assignee')) await this.#assignee(changes.assignee);
      const tagsChange = changes && (changes.addTags !== undefined || changes.removeTags !== undefined || changes.severity !== undefined);
      if (changes && tagsChange && !this.#done.has('tags')) await this.#tags(changes);
      return { kind: 'sent' };
    } catch (error) {
      if (error instanceof StepRefused) return error.outcome;
      // A read refused (a bad id): nothing was written.
      if (error instanceof HelpdeskHttpError) return { kind: 'rejected', reason: refusal(`reading conversation ${this.#entry.ticket.sourceId}`, error) };
      throw error;
    }
  }

  /** A reply carries the status asked for with it: without one Help Scout reactivates the conversation. */
  async #comment(comment: OutboxComment, status: TicketStatus | undefined): Promise<void> {
    const me = await this.#deps.me();
    if (this.#attempt.resumed) {
      const threads = threadsOf(await this.#conversation({ threads: true }));
      if (hasSentComment(threads, comment, me, this.#entry.createdAt)) {
        this.#mark('comment');
        return;
      }
    }
    if (!comment.public) {
      await this.#send('the note', 'POST', `${this.#path}/notes`, { text: comment.body, user: me });
      this.#mark('comment');
      return;
    }
    const conversation = this.#fresh ?? (await this.#conversation({ threads: false }));
    const target = status === undefined ? undefined : STATUS[status];
    await this.#send('the reply', 'POST', `${this.#path}/reply`, {
      customer: { id: conversation.primaryCustomer.id },
      text: comment.body,
      user: me,
      ...(target === undefined ? {} : { status: target }),
    });
    this.#mark('comment');
    if (target !== undefined) this.#mark('status');
  }

  async #status(target: HelpScoutStatus): Promise<void> {
    if ((await this.#current())?.status !== target) {
      await this.#send('the status change', 'PATCH', this.#path, { op: 'replace', path: '/status', value: target });
    }
    this.#mark('status');
  }

  async #assignee(assignee: NonNullable<TicketFieldChanges['assignee']>): Promise<void> {
    const target = assignee === 'me' ? await this.#deps.me() : null;
    const current = await this.#current();
    const assigned = current?.assignee && current.assignee.id > 0 ? current.assignee.id : null;
    if (current === null || assigned !== target) {
      const patch = target === null ? { op: 'remove', path: '/assignTo' } : { op: 'replace', path: '/assignTo', value: target };
      await this.#send(target === null ? 'the unassignment' : 'the assignment', 'PATCH', this.#path, patch);
    }
    this.#mark('assignee');
  }

  /** PUT replaces the whole set: read the tags as they are now, change them, write them back. */
  async #tags(changes: TicketFieldChanges): Promise<void> {
    const conversation = this.#fresh ?? (await this.#conversation({ threads: false }));
    const current = (conversation.tags ?? []).map((t) => t.tag);
    const target = tagsAfterChange(current, changes);
    if (!sameTagSet(current, target)) await this.#send('the tags', 'PUT', `${this.#path}/tags`, { tags: target });
    this.#mark('tags');
  }

  /**
   * The conversation to check a field change against: as last read if nothing was sent since, read again when the
   * entry is resumed (an earlier attempt may have set it), else null (the change is sent).
   */
  async #current(): Promise<HelpScoutConversation | null> {
    if (this.#fresh) return this.#fresh;
    return this.#attempt.resumed ? this.#conversation({ threads: false }) : null;
  }

  async #conversation(options: { threads: boolean }): Promise<HelpScoutConversation> {
    const id = this.#entry.ticket.sourceId;
    const body = await this.#deps.client.get(`${this.#path}${options.threads ? '?embed=threads' : ''}`, { mayBeMissing: true });
    if (body === null) throw new StepRefused({ kind: 'rejected', reason: goneReason(id) });
    const parsed = HelpScoutConversation.safeParse(body);
    if (!parsed.success) throw new StepRefused({ kind: 'rejected', reason: `Help Scout's conversation ${id} is unreadable: ${describeZodError(parsed.error)}` });
    // A merged conversation's old id redirects to the one it was merged into.
    if (String(parsed.data.id) !== id) {
      throw new StepRefused({ kind: 'rejected', reason: `conversation ${id} was merged into conversation ${parsed.data.id} on Help Scout; write there` });
    }
    this.#fresh = parsed.data;
    return parsed.data;
  }

  /** Sends one request of a step; Help Scout's refusal ends the entry with its reason. */
  async #send(what: string, method: WriteRequest['method'], path: string, body: unknown): Promise<void> {
    this.#fresh = null;
    let answer: WriteAnswer;
    try {
      answer = await this.#deps.client.write(method, path, body);
    } catch (error) {
      if (!(error instanceof HelpdeskHttpError)) throw error;
      const reason = error.status === 404 ? goneReason(this.#entry.ticket.sourceId) : refusal(what, error);
      throw new StepRefused({ kind: 'rejected', reason });
    }
    if (answer.status === 409) {
      const reason = errorTextOf(JSON.stringify(answer.body));
      throw new StepRefused({ kind: 'conflict', reason: `Help Scout reports a conflict with ${what}${reason === null ? '' : `: ${reason}`}` });
    }
  }

  #mark(step: Step): void {
    this.#attempt.stepDone(step);
    this.#done.add(step);
  }
}

function threadsOf(conversation: HelpScoutConversation): HelpScoutThread[] {
  return (conversation._embedded?.threads ?? []).flatMap((raw) => {
    const thread = HelpScoutThread.safeParse(raw);
    return thread.success ? [thread.data] : [];
  });
}

function goneReason(id: string): string {
  return `conversation ${id} is no longer on Help Scout (deleted, or merged into another)`;
}

/** "Help Scout refused the reply (HTTP 412): conversation 7 has reached the limit of 100 threads" */
function refusal(what: string, error: HelpdeskHttpError): string {
  const reason = errorTextOf(error.body);
  return `Help Scout refused ${what} (HTTP ${error.status})${reason === null ? '' : `: ${reason.slice(0, 300)}`}`;
}
