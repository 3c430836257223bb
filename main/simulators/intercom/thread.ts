/**
 * Builds a conversation (its first message and its parts) from a draft, deterministically from the draft's own
 * seed. Texts come from the Zendesk simulator's ticket templates; the events follow the draft's shape, one letter
 * per part:
 *   Q bot quick reply offering topics   K customer's quick reply   B bot's automated comment   T bot assignment to a team
 *   C customer comment   A admin comment   N admin note   G assignment to an admin   P priority change
 *   Z snoozed   U snooze timer ran out   R close with a reply   X close   O customer reply that reopens
 */

import { composeTicket, MINUTE_MS, ticketTags } from '../zendesk/seed.ts';
import type { Rng } from '../zendesk/prng.ts';
import { escapeHtml, toMailHtml, toPlain } from '../zendesk/text.ts';
import type { ZendeskPriority } from '../zendesk/types.ts';
import type { Workspace } from './seed.ts';
import type {
  AdminRecord,
  AuthorRef,
  CompanyRecord,
  ContactRecord,
  ConversationRecord,
  ConversationState,
  PartRecord,
  PriorityLevel,
  SourceType,
  TagRecord,
} from './types.ts';

export interface ConversationDraft {
  id: string;
  threadSeed: number;
  templateId: string;
  company: CompanyRecord;
  contact: ContactRecord;
  createdAt: number;
  /** When the last part happens (epoch ms). */
  lastAt: number;
  shape: string;
  channel: SourceType;
  /** The priority after every part; `previousLevel` is what a P part changes it from. */
  level: PriorityLevel;
  previousLevel: PriorityLevel;
  assigneeId: string;
  assignerId: string;
  teamId: number;
  /** Where a final Z part snoozes the conversation to. */
  snoozedUntil: number;
  rated: boolean;
  /** Overrides for conversations filed through the control routes. */
  subject?: string;
  bodyHtml?: string;
  tags?: string[];
}

const ZENDESK_PRIORITY: Readonly<Record<PriorityLevel, ZendeskPriority | null>> = {
  urgent: 'urgent',
  high: 'high',
  medium: 'normal',
  low: 'low',
  none: null,
};

const TOPICS = ['API errors', 'Billing', 'Something else'] as const;

/** The HTML Intercom stores for a plain-text message: one paragraph per blank-line block. */
export function htmlFromPlain(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((para) => `<p>${escapeHtml(para).replaceAll('\n', '<br>')}</p>`)
    .join('');
}

function uuid(rng: Rng): string {
  const h = rng.hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A stable tag id per tag name, as a workspace's tag ids are. */
export function tagId(name: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return String(1_000_000 + (h % 9_000_000));
}

export function tagsFor(names: readonly string[], appliedAt: number, appliedBy: string): TagRecord[] {
  return [...new Set(names)].sort().map((name) => ({ id: tagId(name), name, appliedAt, appliedBy }));
}

function signature(admin: AdminRecord | undefined): string {
  return `Best,\n${admin?.name.split(' ')[0] ?? 'The support team'}\nExample Data Support`;
}

const BOT_STEP_DELAYS = [2_000, 25_000, 26_000, 27_000];

/** Part times: quick-reply steps seconds after the first message, the rest spread up to `lastAt`. */
function partTimes(rng: Rng, shape: string, createdAt: number, lastAt: number): number[] {
  const times: number[] = [];
  let botSteps = 0;
  while (botSteps < shape.length && 'QKBT'.includes(shape[botSteps] ?? '')) {
    times.push(createdAt + (BOT_STEP_DELAYS[botSteps] ?? 0));
    botSteps++;
  }
  const rest = shape.length - botSteps;
  if (rest === 0) return times;
  const start = createdAt + (botSteps > 0 ? MINUTE_MS : 0);
  const end = Math.max(start, lastAt);
  const inner: number[] = [];
  for (let i = 0; i < rest - 1; i++) inner.push(rng.next());
  inner.sort((a, b) => a - b);
  for (const f of inner) times.push(start + Math.floor((end - start) * (0.05 + f * 0.9)));
  times.push(end);
  return times;
}

export function buildConversation(draft: ConversationDraft, workspace: Workspace, nextPartId: () => string): ConversationRecord {
  const { company, contact } = draft;
  const org = workspace.orgs.get(company.orgId);
  const user = workspace.users.get(contact.userId);
  if (!org || !user) throw new Error(`conversation ${draft.id}: its customer is not in the workspace`);
  const { composed, rng } = composeTicket(draft.threadSeed, draft.templateId, org, user, draft.createdAt);
  const admins = new Map(workspace.admins.map((a) => [a.id, a]));
  const assignee = admins.get(draft.assigneeId);
  const customerFirst = contact.name.split(' ')[0] ?? contact.name;
  const htmlMail = draft.channel === 'email' && (draft.templateId === 'forwarded_html' || rng.chance(0.2));
  const sourceBody = draft.bodyHtml ?? (htmlMail ? toMailHtml(composed.blocks) : htmlFromPlain(toPlain(composed.blocks)));
  const subject = draft.subject ?? composed.subject;
  const times = partTimes(rng, draft.shape, Math.floor(draft.createdAt / 1000) * 1000, draft.lastAt);
  const quickReplyUuids = TOPICS.map(() => uuid(rng));
  const topic = composed.tags.includes('billing') ? 1 : composed.tags.some((t) => /^\d{3}$/.test(t) || t === 'api') ? 0 : 2;

  let state: ConversationState = 'open';
  let level: PriorityLevel = draft.shape.includes('P') ? draft.previousLevel : draft.level;
  let adminAssigneeId = 0;
  let teamAssigneeId = 0;
  let snoozedUntil: number | null = null;
  const counts = { C: 0, A: 0, N: 0, R: 0 };
  const parts: PartRecord[] = [];
  const pick = (pool: readonly string[], n: number, fallback: string): string => pool[n % Math.max(1, pool.length)] ?? fallback;
  const fromContact: AuthorRef = { kind: 'contact', id: contact.id };
  const fromAssignee: AuthorRef = { kind: 'admin', id: draft.assigneeId };

  for (let i = 0; i < draft.shape.length; i++) {
    const kind = draft.shape[i];
    const createdAt = times[i] ?? draft.lastAt;
    const part = (partType: string, author: AuthorRef, body: string | null, extra: Partial<PartRecord> = {}): void => {
      parts.push({
        id: nextPartId(),
        partType,
        body,
        createdAt,
        author,
        assignedTo: null,
        state,
        eventDetails: null,
        metadata: {},
        appPackageCode: null,
        ...extra,
      });
    };
    switch (kind) {
      case 'Q':
        part('quick_reply', { kind: 'bot', name: 'Operator' }, '<p>Hi there 👋 What can we help you with today?</p>', {
          metadata: { quick_reply_options: TOPICS.map((text, k) => ({ text, uuid: quickReplyUuids[k] })) },
        });
        break;
      case 'K':
        part('quick_reply', fromContact, null, { metadata: { quick_reply_uuid: quickReplyUuids[topic] } });
        break;
      case 'B':
        part('comment', { kind: 'bot', name: 'Operator' }, '<p>Thanks! A teammate will reply here as soon as possible. You will get their reply by email too.</p>');
        break;
      case 'T':
        teamAssigneeId = draft.teamId;
        part('assignment', { kind: 'bot', name: 'Operator' }, null, { assignedTo: { type: 'team', id: String(draft.teamId) } });
        break;
      case 'G':
        adminAssigneeId = Number(draft.assigneeId);
        teamAssigneeId = teamAssigneeId || draft.teamId;
        part('assignment', { kind: 'admin', id: draft.assignerId }, null, { assignedTo: { type: 'admin', id: draft.assigneeId } });
        break;
      case 'C':
        if (state === 'snoozed') state = 'open';
        part('comment', fromContact, htmlFromPlain(`${pick(composed.followUps, counts.C++, 'Any update on this?')}\n\n${customerFirst}`));
        break;
      case 'O':
        state = 'open';
        part('open', fromContact, htmlFromPlain(`${pick(composed.followUps, counts.C++, 'It is happening again.')}\n\n${customerFirst}`));
        break;
      case 'A':
        part('comment', fromAssignee, htmlFromPlain(`${pick(composed.agentReplies, counts.A++, 'Thanks, we are looking into it.')}\n\n${signature(assignee)}`));
        break;
      case 'N':
        part('note', fromAssignee, htmlFromPlain(pick(composed.notes, counts.N++, 'Looking into it.')));
        break;
      case 'P':
        part('conversation_attribute_updated_by_admin', fromAssignee, null, {
          eventDetails: { attribute: { name: 'priority' }, value: { name: draft.level, previous: level } },
        });
        level = draft.level;
        break;
      case 'Z':
        state = 'snoozed';
        snoozedUntil = i === draft.shape.length - 1 ? draft.snoozedUntil : (times[i + 1] ?? draft.lastAt);
        part('snoozed', fromAssignee, null);
        break;
      case 'U':
        state = 'open';
        snoozedUntil = null;
        part('timer_unsnooze', { kind: 'bot', name: 'Operator' }, null);
        break;
      case 'R':
        state = 'closed';
        part('close', fromAssignee, htmlFromPlain(`${pick(composed.resolutions, counts.R++, 'Closing this conversation.')}\n\n${signature(assignee)}`));
        break;
      case 'X':
        state = 'closed';
        part('close', fromAssignee, null);
        break;
      default:
        throw new Error(`unknown part letter ${kind ?? ''}`);
    }
  }
  if (state !== 'snoozed') snoozedUntil = null;
  const lastPart = parts[parts.length - 1];
  const updatedAt = Math.max(draft.createdAt, lastPart?.createdAt ?? draft.createdAt);
  const ratingRoll = rng.next();
  return {
    id: draft.id,
    createdAt: draft.createdAt,
    updatedAt,
    title: draft.channel === 'conversation' && (draft.subject !== undefined || rng.chance(0.6)) ? subject.replace(/^(Re|Fwd|FW): /i, '') : null,
    state,
    snoozedUntil,
    read: lastPart?.author.kind === 'admin',
    priority: level,
    adminAssigneeId,
    teamAssigneeId,
    contactId: contact.id,
    companyId: company.id,
    tags: tagsFor(draft.tags ?? ticketTags(composed, ZENDESK_PRIORITY[draft.level], company.plan), draft.createdAt, draft.assignerId),
    source: {
      id: String(403_900_000 + (Number(draft.id.slice(-7)) % 10_000_000) * 7),
      type: draft.channel,
      subject: draft.channel === 'email' ? subject : '',
      body: sourceBody,
      url: draft.channel === 'conversation' ? 'https://app.example-data.test/dashboard/usage' : null,
    },
    parts,
    rating: draft.rated
      ? {
          rating: ratingRoll < 0.15 ? rng.int(1, 2) : rng.int(4, 5),
          remark: ratingRoll < 0.15 ? 'Took too long to get a real answer.' : rng.pick(['', 'Quick and clear, thanks!', 'Solved my problem.']),
          createdAt: updatedAt,
          adminId: draft.assigneeId,
        }
      : null,
    slaName: company.plan === 'enterprise' ? 'Enterprise: 1h first reply' : company.plan === 'growth' ? 'Growth: 8h first reply' : null,
    customAttributes: {},
    deletedAt: null,
  };
}
