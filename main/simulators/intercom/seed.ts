/**
 * Deterministic seed data for the Intercom simulator: the support team (admins and teams), the customers
 * (companies on the four plans, their contacts) and conversations created over the last two weeks relative to
 * the injected clock. Customers are the Zendesk simulator's organizations and end users for the same seed, and
 * conversation texts come from its ticket templates: the same API product, the same error strings.
 */

import { TEMPLATE_WEIGHTS, templateById } from '../zendesk/catalog.ts';
import { AGENTS } from '../zendesk/names.ts';
import { createRng, mixSeed, type Rng } from '../zendesk/prng.ts';
import { DAY_MS, generateWorld, HOUR_MS, MINUTE_MS, pickPriority } from '../zendesk/seed.ts';
import type { OrgRecord, UserRecord, ZendeskPriority } from '../zendesk/types.ts';
import { buildConversation, type ConversationDraft } from './thread.ts';
import type { AdminRecord, CompanyRecord, ContactRecord, ConversationRecord, ConversationState, PlanName, PriorityLevel, SourceType, TeamRecord } from './types.ts';

export { DAY_MS, HOUR_MS, MINUTE_MS };

/** The workspace's app id (Intercom's `id_code`, also the contacts' workspace_id). */
export const APP_ID = 'xd7r2k4q';
export const APP_NAME = 'Example Data Support';
export const FIRST_CONVERSATION_ID = 215_470_000_000_001;
export const ADMIN_ID_BASE = 7_340_001;
export const TEAM_L1: TeamRecord = { id: 5_017_691, name: 'Support L1' };
export const TEAM_L2: TeamRecord = { id: 5_017_692, name: 'Support Engineering L2' };
/** Parts of the one seeded conversation that outgrows Intercom's 500-part cap on GET /conversations/{id}. */
export const LONG_CONVERSATION_PARTS = 622;

export const PLAN_NAMES: Readonly<Record<PlanName, string>> = { free: 'Free', starter: 'Starter', growth: 'Growth', enterprise: 'Enterprise' };
export const PLAN_IDS: Readonly<Record<PlanName, string>> = { free: '4471101', starter: '4471102', growth: '4471103', enterprise: '4471104' };

const INDUSTRIES = ['Media', 'Marketing', 'Analytics', 'E-commerce', 'Research', 'Fintech', 'Software', 'Agency'];

/** Zendesk's four priorities read as Intercom's 2.16 levels; no priority is `none`. */
export function levelOf(priority: ZendeskPriority | null): PriorityLevel {
  switch (priority) {
    case 'urgent':
      return 'urgent';
    case 'high':
      return 'high';
    case 'normal':
      return 'medium';
    case 'low':
      return 'low';
    default:
      return 'none';
  }
}

/** An id in the form of Intercom's (a MongoDB ObjectId: creation time in seconds, then 16 hex digits). */
export function objectId(createdAtMs: number, rng: Rng): string {
  return Math.floor(createdAtMs / 1000).toString(16).padStart(8, '0').slice(-8) + rng.hex(16);
}

export interface Workspace {
  admins: AdminRecord[];
  meId: string;
  teams: TeamRecord[];
  companies: Map<string, CompanyRecord>;
  contacts: Map<string, ContactRecord>;
  /** The Zendesk simulator's customers the companies and contacts were made from, for the ticket templates. */
  orgs: Map<number, OrgRecord>;
  users: Map<number, UserRecord>;
}

export interface WorkspaceOptions {
  seed: number;
  companies: number;
  now: number;
}

function makeAdmins(now: number): AdminRecord[] {
  return AGENTS.map((agent, i) => ({
    id: String(ADMIN_ID_BASE + i * 13),
    name: agent.name,
    email: `${agent.local || (agent.name.split(' ')[0] ?? 'admin').toLowerCase()}@example-data.test`,
    jobTitle: agent.role === 'admin' ? 'Support Engineering Lead' : 'Support Engineer',
    teamIds: agent.role === 'admin' ? [TEAM_L1.id, TEAM_L2.id] : [TEAM_L1.id],
    createdAt: now - (800 - i * 90) * DAY_MS,
  }));
}

const SPEND: Readonly<Record<PlanName, [number, number]>> = { free: [0, 0], starter: [29, 49], growth: [149, 399], enterprise: [1200, 6000] };

export function generateWorkspace(options: WorkspaceOptions): Workspace {
  const { now } = options;
  const world = generateWorld({ seed: options.seed, organizations: Math.max(1, options.companies), tickets: 0, now, agentEmail: 'agent@demo.test' });
  const rng = createRng(mixSeed(options.seed, 0x1c0de));
  const companies = new Map<string, CompanyRecord>();
  const byOrg = new Map<number, CompanyRecord>();
  for (const org of world.orgs.values()) {
    const [low, high] = SPEND[org.plan];
    const company: CompanyRecord = {
      id: objectId(org.createdAt, rng),
      companyId: org.customerId,
      name: org.name,
      domain: org.domain,
      plan: org.plan,
      apiKeyPrefix: org.apiKeyPrefix,
      timeZone: org.timeZone,
      size: rng.pick([5, 12, 25, 60, 140, 400, 1200]),
      industry: rng.pick(INDUSTRIES),
      monthlySpend: rng.int(low, high),
      sessionCount: rng.int(0, 4000),
      createdAt: org.createdAt,
      updatedAt: org.updatedAt,
      lastRequestAt: now - rng.int(1, 72 * 60) * MINUTE_MS,
      contactIds: [],
      orgId: org.id,
    };
    companies.set(company.id, company);
    byOrg.set(org.id, company);
  }
  const contacts = new Map<string, ContactRecord>();
  for (const user of world.users.values()) {
    if (user.role !== 'end-user' || user.organizationId === null) continue;
    const company = byOrg.get(user.organizationId);
    if (!company) continue;
    const lead = rng.chance(0.2);
    const contact: ContactRecord = {
      id: objectId(user.createdAt, rng),
      externalId: lead ? null : `usr_${rng.base36(10)}`,
      role: lead ? 'lead' : 'user',
      name: user.name,
      email: user.email,
      companyId: company.id,
      createdAt: user.createdAt,
      updatedAt: user.updatedAt,
      lastSeenAt: user.lastLoginAt,
      userId: user.id,
    };
    contacts.set(contact.id, contact);
    company.contactIds.push(contact.id);
  }
  const admins = makeAdmins(now);
  return {
    admins,
    meId: admins[0]?.id ?? String(ADMIN_ID_BASE),
    teams: [TEAM_L1, TEAM_L2],
    companies,
    contacts,
    orgs: world.orgs,
    users: world.users,
  };
}

const STATE_WEIGHTS: Readonly<Record<ConversationState, number>> = { open: 55, snoozed: 12, closed: 33 };

/**
 * A seeded conversation's events after the customer's first message, one letter each (see thread.ts):
 * C customer comment, A admin comment, N note, G assignment to an admin, P priority change, Z snoozed,
 * U timer unsnooze, R close with a reply, X close, O customer reply that reopens.
 */
function shapeFor(rng: Rng, state: ConversationState): string {
  switch (state) {
    case 'open':
      return rng.weighted({ '': 12, G: 15, GN: 8, GAC: 20, GNAC: 8, GA: 15, GACAC: 8, GPAC: 7, GAZUC: 7 });
    case 'snoozed':
      return rng.weighted({ GAZ: 50, GACAZ: 30, GNAZ: 20 });
    case 'closed':
      return rng.weighted({ GAR: 35, GACAR: 25, GANCAR: 15, GAROAR: 15, GPAX: 10 });
  }
}

function ageFor(rng: Rng, state: ConversationState, shape: string): number {
  const span = 14 * DAY_MS;
  if (shape === '') return Math.floor(rng.next() ** 2 * 30 * HOUR_MS) + rng.int(2, 20) * MINUTE_MS;
  if (state === 'open') return Math.floor(rng.next() ** 1.6 * span) + rng.int(20, 120) * MINUTE_MS;
  return Math.floor((0.08 + rng.next() * 0.92) * span);
}

/** Time from the first message to the last event. */
function spanFor(rng: Rng, shape: string, age: number): number {
  if (shape === '') return 0;
  const max = Math.max(MINUTE_MS, age - rng.int(1, 30) * MINUTE_MS);
  const wanted = (shape.length + 1) * rng.int(20, 26 * 60) * MINUTE_MS * (0.3 + rng.next());
  return Math.min(max, Math.floor(wanted));
}

const OTHER_LEVEL: Readonly<Record<PriorityLevel, PriorityLevel>> = { none: 'medium', low: 'medium', medium: 'low', high: 'medium', urgent: 'high' };

export interface SeedContext {
  seed: number;
  now: number;
  workspace: Workspace;
  /** Hands out part ids in creation order. */
  nextPartId(): string;
}

/** Seeded conversations, ids growing with creation time; the one long conversation sits among them. */
export function generateConversations(ctx: SeedContext, count: number): ConversationRecord[] {
  const { workspace, now } = ctx;
  const rng = createRng(mixSeed(ctx.seed, 0xc0417));
  const companyPool: CompanyRecord[] = [];
  for (const company of workspace.companies.values()) {
    if (company.contactIds.length === 0) continue;
    const weight = company.plan === 'enterprise' ? 4 : company.plan === 'growth' ? 3 : company.plan === 'starter' ? 2 : 1;
    for (let k = 0; k < weight; k++) companyPool.push(company);
  }
  if (count > 0 && companyPool.length === 0) throw new Error('seed needs at least one company with a contact');
  const drafts: { state: ConversationState; shape: string; createdAt: number; rng: Rng }[] = [];
  for (let i = 0; i < count; i++) {
    const state = rng.weighted(STATE_WEIGHTS);
    const shape = shapeFor(rng, state);
    drafts.push({ state, shape, createdAt: now - ageFor(rng, state, shape), rng: rng.fork() });
  }
  // One long-running open conversation, so that the 500-part cap has something to cut.
  const longIndex = count >= 50 ? Math.floor(count / 10) : -1;
  const longDraft = drafts[longIndex];
  if (longDraft) {
    longDraft.state = 'open';
    longDraft.shape = `G${'ACNC'.repeat((LONG_CONVERSATION_PARTS - 2) / 4)}A`;
    longDraft.createdAt = now - 13 * DAY_MS - 6 * HOUR_MS;
  }
  drafts.sort((a, b) => a.createdAt - b.createdAt);

  const admins = workspace.admins;
  return drafts.map((draft, index) => {
    const r = draft.rng;
    const company = r.pick(companyPool);
    const contact = workspace.contacts.get(r.pick(company.contactIds));
    if (!contact) throw new Error(`missing contact of company ${company.id}`);
    const templateId = r.weighted(TEMPLATE_WEIGHTS);
    const level = levelOf(pickPriority(r, templateId));
    const channel: SourceType = templateId === 'forwarded_html' || r.chance(0.7) ? 'email' : 'conversation';
    const assignee = r.chance(0.3) ? admins[0] : r.pick(admins);
    const long = draft.shape.length > 100;
    const span = long ? 13 * DAY_MS : spanFor(r, draft.shape, now - draft.createdAt);
    const escalated = templateById(templateId).priority.urgent >= 25 || draft.shape.includes('N');
    const spec: ConversationDraft = {
      id: String(FIRST_CONVERSATION_ID + index),
      threadSeed: mixSeed(ctx.seed, FIRST_CONVERSATION_ID + index, 0x7e11),
      templateId,
      company,
      contact,
      createdAt: draft.createdAt,
      lastAt: Math.min(now, draft.createdAt + span),
      shape: channel === 'conversation' ? `QKBT${draft.shape}` : draft.shape,
      channel,
      level,
      previousLevel: OTHER_LEVEL[level],
      assigneeId: assignee?.id ?? workspace.meId,
      assignerId: r.chance(0.5) ? (assignee?.id ?? workspace.meId) : workspace.meId,
      teamId: escalated ? TEAM_L2.id : TEAM_L1.id,
      snoozedUntil: now + r.int(1, 72) * HOUR_MS,
      rated: draft.state === 'closed' && r.chance(0.45),
    };
    return buildConversation(spec, workspace, ctx.nextPartId);
  });
}
