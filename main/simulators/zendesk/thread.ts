/**
 * Builds a seeded ticket's conversation (its comments) from the ticket's thread plan, deterministically from the
 * ticket's own seed. The first comment is the description; later ones follow the plan's shape (customer
 * messages, agent public replies, internal notes, the solving reply), spread between created and updated time.
 */

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

function customerMessage(text: string, requester: UserRecord): string {
  const first = requester.name.split(' ')[0] ?? requester.name;
  return `${text}\n\n${first}`;
}

export function buildThread(
  ticket: TicketRecord,
  plan: ThreadPlan,
  org: OrgRecord,
  requester: UserRecord,
  agent: UserRecord | undefined,
): CommentRecord[] {
  const { composed, rng } = composeTicket(plan.threadSeed, plan.templateId, org, requester, plan.createdAt);
  const html = plan.templateId === 'forwarded_html' || (ticket.channel === 'email' && rng.chance(0.15));
  const n = plan.shape.length;
  const times: number[] = [plan.createdAt];
  if (n > 1) {
    const inner: number[] = [];
    for (let i = 0; i < n - 2; i++) inner.push(rng.next());
    inner.sort((a, b) => a - b);
    const span = plan.updatedAt - plan.createdAt;
    for (const f of inner) times.push(plan.createdAt + Math.floor(span * (0.05 + f * 0.9)));
    times.push(plan.updatedAt);
  }
  const comments: CommentRecord[] = [];
  let agentReplies = 0;
  let customerReplies = 0;
  for (let i = 0; i < n; i++) {
    const kind = plan.shape[i];
    const createdAt = times[i] ?? plan.updatedAt;
    const id = commentId(ticket.id, i);
    if (i === 0) {
      comments.push({
        id,
        authorId: requester.id,
        body: toPlain(composed.blocks),
        html: html ? toMailHtml(composed.blocks) : null,
        public: true,
        channel: ticket.channel,
        createdAt,
      });
      continue;
    }
    const agentId = agent?.id ?? plan.agentId;
    switch (kind) {
      case 'C': {
        const pool = composed.followUps;
        const text = pool[customerReplies % Math.max(1, pool.length)] ?? 'Any update on this?';
        customerReplies++;
        comments.push({ id, authorId: requester.id, body: customerMessage(text, requester), html: null, public: true, channel: ticket.channel === 'api' ? 'email' : ticket.channel, createdAt });
        break;
      }
      case 'A': {
        const pool = composed.agentReplies;
        const text = pool[agentReplies % Math.max(1, pool.length)] ?? 'Thanks, we are looking into it.';
        agentReplies++;
        comments.push({ id, authorId: agentId, body: `${text}\n\n${agentSignature(agent)}`, html: null, public: true, channel: 'web', createdAt });
        break;
      }
      case 'N': {
        comments.push({ id, authorId: agentId, body: rng.pick(composed.notes.length > 0 ? composed.notes : ['Looking into it.']), html: null, public: false, channel: 'web', createdAt });
        break;
      }
      default: {
        const text = rng.pick(composed.resolutions.length > 0 ? composed.resolutions : ['Solving this ticket.']);
        comments.push({ id, authorId: agentId, body: `${text}\n\n${agentSignature(agent)}`, html: null, public: true, channel: 'web', createdAt });
      }
    }
  }
  return comments;
}
