/**
 * Builds a seeded ticket's conversation (its comments) from the ticket's thread plan, deterministically from the
 * ticket's own seed. The first comment is the description; later ones follow the plan's shape (customer
 * messages, agent public replies, internal notes, the solving reply), spread between created and updated time.
 */

import { seededAuditId } from './audit-ids.ts';
import type { ComposedTicket } from './catalog.ts';
import type { Rng } from './prng.ts';
import { composeTicket } from './seed.ts';
import { toMailHtml, toPlain } from './text.ts';
import type { CommentRecord, OrgRecord, ThreadPlan, TicketRecord, UserRecord } from './types.ts';

export const COMMENT_ID_BASE = 10_000_000_000;

export function commentId(ticketId: number, index: number): number {
  return COMMENT_ID_BASE + ticketId * 1000 + index;
}

export function agentSignature(agent: UserRecord | undefined): string {
  const first = agent?.name.split(' ')[0] ?? 'The support team';
  return `Best,\n${first}\nExample Data Support`;
}

/** The channel of a customer's follow-up: an API-filed ticket's requester answers by mail. */
export function customerChannel(ticket: TicketRecord): 'email' | 'web' {
  return ticket.channel === 'api' ? 'email' : ticket.channel;
}

function customerMessage(text: string, requester: UserRecord): string {
  const first = requester.name.split(' ')[0] ?? requester.name;
  return `${text}\n\n${first}`;
}

/** The first comment at creation, the last at the plan's update, the others spread between by `draws` in [0, 1). */
function spreadTimes(plan: ThreadPlan, draws: number[]): number[] {
  const times: number[] = [plan.createdAt];
  if (plan.shape.length > 1) {
    draws.sort((a, b) => a - b);
    const span = plan.updatedAt - plan.createdAt;
    for (const f of draws) times.push(plan.createdAt + Math.floor(span * (0.05 + f * 0.9)));
    times.push(plan.updatedAt);
  }
  return times;
}

/** Composes the thread's texts and draws its HTML choice and comment times, in the order buildThread relies on. */
function openThread(ticket: TicketRecord, plan: ThreadPlan, org: OrgRecord, requester: UserRecord): { composed: ComposedTicket; rng: Rng; html: boolean; times: number[] } {
  const { composed, rng } = composeTicket(plan.threadSeed, plan.templateId, org, requester, plan.createdAt);
  const html = plan.templateId === 'forwarded_html' || (ticket.channel === 'email' && rng.chance(0.15));
  const draws: number[] = [];
  for (let i = 0; i < plan.shape.length - 2; i++) draws.push(rng.next());
  return { composed, rng, html, times: spreadTimes(plan, draws) };
}

/**
 * When each comment of the plan is written, without building the texts. Threads of one or two comments draw no
 * times, so they skip composing (the audit index over 100,000 tickets leans on it).
 */
export function commentTimes(ticket: TicketRecord, plan: ThreadPlan, org: OrgRecord, requester: UserRecord): number[] {
  return plan.shape.length <= 2 ? spreadTimes(plan, []) : openThread(ticket, plan, org, requester).times;
}

export function buildThread(
  ticket: TicketRecord,
  plan: ThreadPlan,
  org: OrgRecord,
  requester: UserRecord,
  agent: UserRecord | undefined,
): CommentRecord[] {
  const { composed, rng, html, times } = openThread(ticket, plan, org, requester);
  const n = plan.shape.length;
  const comments: CommentRecord[] = [];
  let agentReplies = 0;
  let customerReplies = 0;
  for (let i = 0; i < n; i++) {
    const kind = plan.shape[i];
    const createdAt = times[i] ?? plan.updatedAt;
    const id = commentId(ticket.id, i);
    const auditId = seededAuditId(ticket.id, i);
    if (i === 0) {
      comments.push({
        id,
        authorId: requester.id,
        body: toPlain(composed.blocks),
        html: html ? toMailHtml(composed.blocks) : null,
        public: true,
        channel: ticket.channel,
        createdAt,
        auditId,
      });
      continue;
    }
    const agentId = agent?.id ?? plan.agentId;
    switch (kind) {
      case 'C': {
        const pool = composed.followUps;
        const text = pool[customerReplies % Math.max(1, pool.length)] ?? 'Any update on this?';
        customerReplies++;
        comments.push({ id, authorId: requester.id, body: customerMessage(text, requester), html: null, public: true, channel: customerChannel(ticket), createdAt, auditId });
        break;
      }
      case 'A': {
        const pool = composed.agentReplies;
        const text = pool[agentReplies % Math.max(1, pool.length)] ?? 'Thanks, we are looking into it.';
        agentReplies++;
        comments.push({ id, authorId: agentId, body: `${text}\n\n${agentSignature(agent)}`, html: null, public: true, channel: 'web', createdAt, auditId });
        break;
      }
      case 'N': {
        comments.push({ id, authorId: agentId, body: rng.pick(composed.notes.length > 0 ? composed.notes : ['Looking into it.']), html: null, public: false, channel: 'web', createdAt, auditId });
        break;
      }
      default: {
        const text = rng.pick(composed.resolutions.length > 0 ? composed.resolutions : ['Solving this ticket.']);
        comments.push({ id, authorId: agentId, body: `${text}\n\n${agentSignature(agent)}`, html: null, public: true, channel: 'web', createdAt, auditId });
      }
    }
  }
  return comments;
}
