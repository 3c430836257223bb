// The outbox's writes on Zendesk: one `PUT /tickets/{id}.json` per entry, the comment and the field changes
// together. Zendesk documents no idempotency key; its safe update (`safe_update` with the `updated_stamp` the engineer
// saw) makes the write exactly-once instead: a retry of a write that was applied but whose answer was lost finds the
// ticket changed and gets a 409, and a resumed entry is looked for on the ticket before it is sent again.
import type { z } from 'zod';
import { describeZodError } from '../../../../shared/validation/describe-zod-error.ts';
import type { HelpdeskWriter, WriteAttempt, WriteOutcome } from '../../outbox/helpdesk-writer.ts';
import type { OutboxItem } from '../../outbox/outbox-store.ts';
import type { WriteAnswer } from '../../outbox/write-request.ts';
import { HelpdeskHttpError } from '../../sync/helpdesk-http.ts';
import { errorTextOf } from './zendesk-error-text.ts';
import { toUtcSeconds } from './zendesk-mapping.ts';
import { ZendeskAudit, ZendeskAuditsPage, ZendeskComment, ZendeskCommentsPage, ZendeskTicketEnvelope, type ZendeskTicket } from './zendesk-payloads.ts';
import { CLOCK_SKEW_MS, hasSentComment } from './zendesk-sent-comment.ts';
import { showsChanges, ticketUpdateBody } from './zendesk-ticket-update.ts';

/** The one step of a Zendesk write, recorded once Zendesk acknowledged it. */
const STEP = 'ticket update';
const CONFLICT = 'the ticket changed on Zendesk since you wrote this: read it and apply again';
/** How far back a ticket's history is read to tell whose changes a 409 stands for (100 audits a page). */
const AUDIT_PAGES_AT_MOST = 20;

export interface ZendeskWriterDeps {
  /** GETs a path under /api/v2 with the account's credentials; a refusal throws HelpdeskHttpError (403 and 404 too). */
  read(path: string): Promise<unknown>;
  /** PUTs `body` to a path under /api/v2 once (write-request.ts), with the account's credentials and rate limit. */
  write(path: string, body: unknown): Promise<WriteAnswer>;
  /** The Zendesk user whose credentials sync the account: the author of the comments, "me" of an assignment. */
  me(): Promise<number>;
}

export class ZendeskWriter implements HelpdeskWriter {
  readonly #deps: ZendeskWriterDeps;

  constructor(deps: ZendeskWriterDeps) {
    this.#deps = deps;
  }

  async apply(entry: OutboxItem, attempt: WriteAttempt): Promise<WriteOutcome> {
    if (attempt.stepsDone.includes(STEP)) return { kind: 'sent' };
    const ticket = new TicketOnZendesk(this.#deps, entry.ticket.sourceId);
    try {
      const me = await this.#deps.me();
      if (attempt.resumed && (await ticket.has(entry, me))) return sent(attempt);
      let stamp = entry.baseUpdatedAt === null ? null : toUtcSeconds(entry.baseUpdatedAt);
      for (let restamped = false; ; restamped = true) {
        const answer = await this.#deps.write(ticket.path, ticketUpdateBody(entry.write, me, stamp));
        if (answer.status !== 409) return sent(attempt);
        // An earlier attempt may have landed: the stamp it changed is what the 409 is about.
        if (await ticket.has(entry, me)) return sent(attempt);
        // The engineer's own earlier writes (an entry sent just before this one) change the ticket too: not a conflict.
        const current = stamp === null || restamped ? null : await ticket.stampIfOnlyChangedBy(me, stamp);
        if (current === null) return { kind: 'conflict', reason: CONFLICT };
        stamp = current;
      }
    } catch (error) {
      if (error instanceof HelpdeskHttpError) return { kind: 'rejected', reason: refusal(entry.ticket.sourceId, error) };
      // Whether the write landed cannot be told: it waits for the engineer, who checks the ticket before retrying.
      if (error instanceof UnreadableAnswer) return { kind: 'rejected', reason: `${error.message}; check the ticket on Zendesk before retrying` };
      throw error;
    }
  }
}

/** Zendesk answered a read-back in a shape the writer cannot read. */
class UnreadableAnswer extends Error {
  override name = 'UnreadableAnswer';
}

function sent(attempt: WriteAttempt): WriteOutcome {
  attempt.stepDone(STEP);
  return { kind: 'sent' };
}

/** One ticket as Zendesk has it now, read for what a write needs to know. */
class TicketOnZendesk {
  readonly #deps: ZendeskWriterDeps;
  readonly #id: string;
  readonly path: string;

  constructor(deps: ZendeskWriterDeps, id: string) {
    this.#deps = deps;
    this.#id = id;
    this.path = `/tickets/${encodeURIComponent(id)}.json`;
  }

  /**
   * Whether the entry is already on the ticket. A comment came in the same update as the field changes, so finding
   * it is enough (a field may have changed again since); a write of fields alone is there when every field is.
   */
  async has(entry: OutboxItem, me: number): Promise<boolean> {
    const { comment, changes } = entry.write;
    if (comment) return hasSentComment(await this.#commentsSince(entry.createdAt), comment, me, entry.createdAt);
    return changes !== null && showsChanges(await this.#ticket(), changes, me);
  }

  /**
   * The ticket's updated_at when every update after `stamp` was made by `me`, else null: someone else (the customer,
   * another agent, a trigger) changed it, which the engineer must read before writing.
   */
  async stampIfOnlyChangedBy(me: number, stamp: string): Promise<string | null> {
    const current = await this.#ticket();
    const after = Math.floor(Date.parse(stamp) / 1000);
    let query = 'page[size]=100';
    for (let page = 0; page < AUDIT_PAGES_AT_MOST; page++) {
      const body = this.#parse(ZendeskAuditsPage, await this.#deps.read(`/tickets/${encodeURIComponent(this.#id)}/audits.json?${query}`), 'audits');
      for (const raw of body.audits) {
        const audit = ZendeskAudit.safeParse(raw);
        if (!audit.success) return null;
        const at = audit.data.timestamp ?? Math.floor(Date.parse(audit.data.created_at ?? '') / 1000);
        if (at > after && (audit.data.author_id ?? audit.data.updater_id) !== me) return null;
      }
      if (!body.meta?.has_more || !body.meta.after_cursor) return toUtcSeconds(current.updated_at);
      query = `page[size]=100&page[after]=${encodeURIComponent(body.meta.after_cursor)}`;
    }
    return null;
  }

  async #ticket(): Promise<ZendeskTicket> {
    return this.#parse(ZendeskTicketEnvelope, await this.#deps.read(this.path), 'fields').ticket;
  }

  #parse<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new UnreadableAnswer(`Zendesk's answer with ticket ${this.#id}'s ${what} is unreadable: ${describeZodError(parsed.error)}`);
    return parsed.data;
  }

  /** The ticket's comments, newest first, back to a minute before `queuedAt`. */
  async #commentsSince(queuedAt: string): Promise<ZendeskComment[]> {
    const since = Date.parse(queuedAt) - CLOCK_SKEW_MS;
    const comments: ZendeskComment[] = [];
    let query = 'sort=-created_at&page[size]=100';
    for (;;) {
      const body = this.#parse(ZendeskCommentsPage, await this.#deps.read(`/tickets/${encodeURIComponent(this.#id)}/comments.json?${query}`), 'comments');
      const page = body.comments.flatMap((raw) => {
        const comment = ZendeskComment.safeParse(raw);
        return comment.success ? [comment.data] : [];
      });
      comments.push(...page);
      const oldest = page[page.length - 1];
      if (!body.meta?.has_more || !body.meta.after_cursor || oldest === undefined || Date.parse(oldest.created_at) < since) return comments;
      query = `sort=-created_at&page[size]=100&page[after]=${encodeURIComponent(body.meta.after_cursor)}`;
    }
  }
}

/** "Zendesk refused the update of ticket 7 (HTTP 422): Status: closed prevents ticket update" */
function refusal(id: string, error: HelpdeskHttpError): string {
  if (error.status === 404) return `ticket ${id} is no longer on Zendesk (deleted, or never there)`;
  const reason = errorTextOf(error.body);
  return `Zendesk refused the update of ticket ${id} (HTTP ${error.status})${reason === null ? '' : `: ${reason.slice(0, 300)}`}`;
}
