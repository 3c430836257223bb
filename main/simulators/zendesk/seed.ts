/**
 * Deterministic seed data: customers (organizations with plan, customer id, API key prefix, time zone), their
 * end users, the support agents, and tickets created over the last two weeks relative to the injected clock.
 * Ticket text comes from the template catalog; each ticket's thread is generated lazily from its own seed
 * (see thread.ts), so that 100,000 tickets stay cheap.
 */

import { TEMPLATE_WEIGHTS, templateById, type ComposedTicket, type TemplateContext } from './catalog.ts';
import { seededCustomStatusId } from './custom-statuses.ts';
import {
  AGENTS,
  COMPANY_FORMS,
  COMPANY_STEMS,
  COMPANY_SUFFIXES,
  FIRST_NAMES,
  JOB_TITLES,
  LAST_NAMES,
  STACKS,
  TIME_ZONES,
  type Stack,
} from './names.ts';
import { createRng, mixSeed, type Rng } from './prng.ts';
import { toPlain } from './text.ts';
import type {
  OrgRecord,
  PlanName,
  TicketRecord,
  UserRecord,
  ZendeskPriority,
  ZendeskSatisfactionRating,
  ZendeskStatus,
} from './types.ts';

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
export const MINUTE_MS = 60_000;

export const ORG_ID_BASE = 360_010_000_000;
export const USER_ID_BASE = 377_920_000_000;
export const AGENT_ID_BASE = 361_540_000_000;
export const FIRST_TICKET_ID = 40_001;
export const GROUP_L1 = 360_004_077_472;
export const GROUP_L2 = 360_004_077_473;

export interface SeedOptions {
  seed: number;
  organizations: number;
  tickets: number;
  now: number;
  agentEmail: string;
}

export interface SeedWorld {
  orgs: Map<number, OrgRecord>;
  users: Map<number, UserRecord>;
  requestersByOrg: Map<number, number[]>;
  agentIds: number[];
  meId: number;
  /** Tickets in creation order (ids ascending). */
  tickets: TicketRecord[];
}

const PLAN_WEIGHTS: Readonly<Record<PlanName, number>> = { free: 35, starter: 30, growth: 25, enterprise: 10 };

const STATUS_WEIGHTS: Readonly<Record<ZendeskStatus, number>> = {
  new: 16,
  open: 38,
  pending: 16,
  hold: 7,
  solved: 17,
  closed: 6,
};

function slug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

export function titleFor(user: UserRecord): string {
  return JOB_TITLES[user.id % JOB_TITLES.length] ?? 'Engineer';
}

function makeOrganizations(rng: Rng, count: number, now: number): OrgRecord[] {
  const orgs: OrgRecord[] = [];
  const usedNames = new Set<string>();
  const usedCustomerIds = new Set<string>();
  for (let i = 0; i < count; i++) {
    let base = '';
    for (let attempt = 0; attempt < 20; attempt++) {
      base = `${rng.pick(COMPANY_STEMS)} ${rng.pick(COMPANY_SUFFIXES)}`;
      if (!usedNames.has(base)) break;
    }
    if (usedNames.has(base)) base = `${base} ${i}`;
    usedNames.add(base);
    const form = rng.pick(COMPANY_FORMS);
    let customerId = `cus_${rng.base36(5)}`;
    while (usedCustomerIds.has(customerId)) customerId = `cus_${rng.base36(6)}`;
    usedCustomerIds.add(customerId);
    const createdAt = now - rng.int(40, 1400) * DAY_MS - rng.int(0, DAY_MS);
    orgs.push({
      id: ORG_ID_BASE + i * 7 + 1,
      name: `${base}${form}`,
      domain: `${slug(base)}.test`,
      plan: rng.weighted(PLAN_WEIGHTS),
      customerId,
      apiKeyPrefix: `sk_live_${rng.hex(4)}`,
      timeZone: rng.pick(TIME_ZONES),
      createdAt,
      updatedAt: createdAt + rng.int(0, 30) * DAY_MS,
    });
  }
  return orgs;
}

function makeRequesters(rng: Rng, orgs: readonly OrgRecord[], now: number): { users: UserRecord[]; byOrg: Map<number, number[]> } {
  const users: UserRecord[] = [];
  const byOrg = new Map<number, number[]>();
  let n = 0;
  for (const org of orgs) {
    const count = rng.weighted({ one: 45, two: 35, three: 20 }) === 'one' ? 1 : rng.chance(0.6) ? 2 : 3;
    const ids: number[] = [];
    const stack: Stack = rng.pick(STACKS);
    const usedLocals = new Set<string>();
    for (let k = 0; k < count; k++) {
      const first = rng.pick(FIRST_NAMES);
      const last = rng.pick(LAST_NAMES);
      let local = rng.chance(0.7) ? `${slug(first)}.${slug(last)}` : `${slug(first)}`;
      if (usedLocals.has(local)) local = `${local}${k + 1}`;
      usedLocals.add(local);
      const id = USER_ID_BASE + n * 13 + 5;
      n++;
      const createdAt = Math.max(org.createdAt, now - rng.int(20, 900) * DAY_MS);
      users.push({
        id,
        name: `${first} ${last}`,
        email: `${local}@${org.domain}`,
        role: 'end-user',
        organizationId: org.id,
        timeZone: rng.chance(0.85) ? org.timeZone : rng.pick(TIME_ZONES),
        createdAt,
        updatedAt: createdAt + rng.int(0, 10) * DAY_MS,
        lastLoginAt: rng.chance(0.5) ? now - rng.int(1, 30) * DAY_MS : null,
        stack: rng.chance(0.8) ? stack : rng.pick(STACKS),
      });
      ids.push(id);
    }
    byOrg.set(org.id, ids);
  }
  return { users, byOrg };
}

function makeAgents(now: number, agentEmail: string): UserRecord[] {
  const domain = agentEmail.includes('@') ? agentEmail.slice(agentEmail.indexOf('@') + 1) : 'demo.test';
  return AGENTS.map((agent, i) => ({
    id: AGENT_ID_BASE + i * 11 + 3,
    name: agent.name,
    email: i === 0 ? agentEmail : `${agent.local}@${domain}`,
    role: agent.role,
    organizationId: null,
    timeZone: agent.zone,
    createdAt: now - (800 - i * 90) * DAY_MS,
    updatedAt: now - (10 + i) * DAY_MS,
    lastLoginAt: now - (i + 1) * HOUR_MS,
    stack: null,
  }));
}

/** Builds the template context of a ticket from its customer; `rng` must be the ticket's own stream. */
export function templateContext(rng: Rng, org: OrgRecord, requester: UserRecord, createdAt: number): TemplateContext {
  const [firstName = requester.name] = requester.name.split(' ');
  return {
    rng,
    company: org.name,
    firstName,
    fullName: requester.name,
    title: titleFor(requester),
    plan: org.plan,
    apiKeyPrefix: org.apiKeyPrefix,
    customerId: org.customerId,
    stack: (requester.stack as Stack | null) ?? 'curl',
    at: createdAt - ((requester.id + createdAt) % 40) * MINUTE_MS - 2 * MINUTE_MS,
  };
}

/** Composes a ticket's texts from its own seed: the same inputs always give the same texts. */
export function composeTicket(threadSeed: number, templateId: string, org: OrgRecord, requester: UserRecord, createdAt: number): {
  composed: ComposedTicket;
  rng: Rng;
} {
  const rng = createRng(threadSeed);
  const composed = templateById(templateId).compose(templateContext(rng, org, requester, createdAt));
  return { composed, rng };
}

export function pickPriority(rng: Rng, templateId: string): ZendeskPriority | null {
  const choice = rng.weighted(templateById(templateId).priority);
  return choice === 'none' ? null : choice;
}

/** The tags a ticket carries: the template's, p1 only on urgent ones, and the customer's plan. */
export function ticketTags(composed: ComposedTicket, priority: ZendeskPriority | null, plan: PlanName): string[] {
  const tags = new Set(composed.tags.filter((t) => t !== 'p1'));
  if (priority === 'urgent') tags.add('p1');
  tags.add(`plan_${plan}`);
  return [...tags].sort();
}

/** How old a ticket of this status is (ms), so that new tickets are recent and closed ones old. */
function ageFor(rng: Rng, status: ZendeskStatus): number {
  const span = 14 * DAY_MS;
  switch (status) {
    case 'new':
      return Math.floor(rng.next() ** 2 * 30 * HOUR_MS) + rng.int(2, 20) * MINUTE_MS;
    case 'open':
    case 'pending':
      return Math.floor(rng.next() ** 1.6 * span) + rng.int(20, 120) * MINUTE_MS;
    case 'hold':
      return Math.floor((0.15 + rng.next() * 0.85) * span);
    case 'solved':
      return Math.floor((0.05 + rng.next() * 0.95) * span);
    case 'closed':
      return Math.floor((0.6 + rng.next() * 0.4) * span);
  }
}

/**
 * The kinds of events in a seeded thread, one letter each: C customer message, A agent public reply, N internal
 * note, R agent public reply that solves. The first is always the customer's description.
 */
function threadShape(rng: Rng, status: ZendeskStatus): string {
  switch (status) {
    case 'new':
      return rng.chance(0.15) ? 'CC' : 'C';
    case 'open': {
      const roll = rng.next();
      if (roll < 0.2) return rng.chance(0.5) ? 'CN' : 'C';
      if (roll < 0.6) return rng.chance(0.3) ? 'CNAC' : 'CAC';
      return rng.chance(0.25) ? 'CACAC' : 'CA';
    }
    case 'pending':
      return rng.chance(0.3) ? 'CNA' : rng.chance(0.3) ? 'CACA' : 'CA';
    case 'hold':
      return rng.chance(0.5) ? 'CAN' : 'CACAN';
    case 'solved':
    case 'closed':
      return rng.chance(0.4) ? 'CR' : rng.chance(0.5) ? 'CACR' : 'CANCR';
  }
}

/** Time from creation to the last event of the thread. */
function spanFor(rng: Rng, shape: string, age: number): number {
  if (shape.length === 1) return 0;
  const max = Math.max(MINUTE_MS, age - rng.int(1, 30) * MINUTE_MS);
  const wanted = shape.length * rng.int(20, 26 * 60) * MINUTE_MS * (0.3 + rng.next());
  return Math.min(max, Math.floor(wanted));
}

function satisfactionFor(rng: Rng, ticketId: number, status: ZendeskStatus): ZendeskSatisfactionRating | null {
  if (status !== 'solved' && status !== 'closed') return null;
  const roll = rng.next();
  if (roll < 0.4) return { score: 'unoffered' };
  if (roll < 0.65) return { score: 'offered' };
  if (roll < 0.92) return { id: 9_100_000_000 + ticketId, score: 'good', comment: rng.pick(['', 'Quick and clear, thanks!', 'Solved my problem.', 'Great support']) };
  return { id: 9_100_000_000 + ticketId, score: 'bad', comment: rng.pick(['', 'Took too long.', 'The answer did not help.']) };
}

export function generateWorld(options: SeedOptions): SeedWorld {
  const { now } = options;
  const rng = createRng(mixSeed(options.seed, 0x5eed));
  const orgList = makeOrganizations(rng.fork(), options.organizations, now);
  const { users: requesters, byOrg } = makeRequesters(rng.fork(), orgList, now);
  const agents = makeAgents(now, options.agentEmail);
  const orgs = new Map(orgList.map((o) => [o.id, o]));
  const users = new Map<number, UserRecord>();
  for (const u of agents) users.set(u.id, u);
  for (const u of requesters) users.set(u.id, u);
  const agentIds = agents.map((a) => a.id);
  const meId = agentIds[0] ?? AGENT_ID_BASE;

  // Enterprise and growth customers file more tickets.
  const orgPool: number[] = [];
  for (const org of orgList) {
    const weight = org.plan === 'enterprise' ? 4 : org.plan === 'growth' ? 3 : org.plan === 'starter' ? 2 : 1;
    for (let k = 0; k < weight; k++) orgPool.push(org.id);
  }

  const ticketRng = rng.fork();
  const tickets: TicketRecord[] = [];
  const drafts: { status: ZendeskStatus; createdAt: number; rng: Rng }[] = [];
  for (let i = 0; i < options.tickets; i++) {
    const status = ticketRng.weighted(STATUS_WEIGHTS);
    drafts.push({ status, createdAt: now - ageFor(ticketRng, status), rng: ticketRng.fork() });
  }
  // Ticket ids grow with creation time, as in a real account.
  drafts.sort((a, b) => a.createdAt - b.createdAt);

  drafts.forEach((draft, index) => {
    const r = draft.rng;
    const id = FIRST_TICKET_ID + index;
    const orgId = orgPool.length > 0 ? r.pick(orgPool) : null;
    const org = orgId === null ? undefined : orgs.get(orgId);
    if (!org) throw new Error('seed needs at least one organization');
    const requesterId = r.pick(byOrg.get(org.id) ?? []);
    const requester = users.get(requesterId);
    if (!requester) throw new Error(`missing requester ${requesterId}`);
    const templateId = r.weighted(TEMPLATE_WEIGHTS);
    const threadSeed = mixSeed(options.seed, id, 0x7e11);
    const { composed } = composeTicket(threadSeed, templateId, org, requester, draft.createdAt);
    const priority = pickPriority(r, templateId);
    const shape = threadShape(r, draft.status);
    const span = spanFor(r, shape, now - draft.createdAt);
    const updatedAt = draft.createdAt + span + (draft.status === 'closed' ? r.int(1, 3) * HOUR_MS : 0);
    const assigneeId =
      draft.status === 'new' ? (r.chance(0.15) ? r.pick(agentIds) : null) : shape === 'C' && r.chance(0.5) ? null : r.chance(0.3) ? meId : r.pick(agentIds);
    const escalated = draft.status === 'hold' || templateById(templateId).priority.urgent >= 25;
    const tags = ticketTags(composed, priority, org.plan);
    if (draft.status === 'hold' && !tags.includes('escalated')) tags.push('escalated');
    tags.sort();
    const channel = r.chance(0.72) ? 'email' : r.chance(0.85) ? 'web' : 'api';
    tickets.push({
      id,
      subject: composed.subject,
      description: toPlain(composed.blocks),
      status: draft.status,
      customStatusId: seededCustomStatusId(id, draft.status),
      priority,
      type: templateById(templateId).type,
      requesterId,
      submitterId: requesterId,
      assigneeId,
      organizationId: org.id,
      groupId: escalated && draft.status !== 'new' ? GROUP_L2 : GROUP_L1,
      tags,
      channel: templateId === 'forwarded_html' ? 'email' : channel,
      createdAt: draft.createdAt,
      updatedAt: Math.min(updatedAt, now),
      seq: 0,
      satisfaction: satisfactionFor(r, id, draft.status),
      comments: null,
      audits: null,
      plan: {
        threadSeed,
        templateId,
        shape,
        agentId: assigneeId ?? r.pick(agentIds),
        createdAt: draft.createdAt,
        updatedAt: Math.min(updatedAt, now),
      },
    });
  });

  return { orgs, users, requestersByOrg: byOrg, agentIds, meId, tickets };
}
