/**
 * Deterministic seed data: customer organizations (the plan, customer id, API key prefix and time zone live in
 * organization properties), their customers, a few spam senders, the support team (users), the mailboxes, and
 * conversations created over the last two weeks relative to the injected clock, with their threads.
 */

import { TEMPLATE_WEIGHTS } from '../zendesk/catalog.ts';
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
} from '../zendesk/names.ts';
import { createRng, mixSeed, type Rng } from '../zendesk/prng.ts';
import { toMailHtml, toPlain } from '../zendesk/text.ts';
import {
  BILLING_TEMPLATES,
  composeConversation,
  conversationTags,
  DAY_MS,
  MINUTE_MS,
  pickSeverity,
  signature,
  spamMail,
} from './content.ts';
import { addAgentMessage, addCustomerThread, addLineItem, addNote, fullName, statusLineText } from './threads.ts';
import type {
  ConversationRecord,
  ConversationStatus,
  ConversationType,
  CustomerRecord,
  MailboxRecord,
  OrganizationRecord,
  PlanName,
  ThreadStatus,
  UserRecord,
} from './types.ts';

export const ORGANIZATION_ID_BASE = 7_000_001;
export const CUSTOMER_ID_BASE = 480_000_005;
export const USER_ID_BASE = 610_003;
export const MAILBOX_ID_BASE = 312_001;
export const CONVERSATION_ID_BASE = 2_760_000_003;
export const FIRST_NUMBER = 10_001;

export function conversationIdAt(index: number): number {
  return CONVERSATION_ID_BASE + index * 17;
}

export interface SeedOptions {
  seed: number;
  organizations: number;
  conversations: number;
  mailboxes: number;
  now: number;
  /** The signed-in user's email (the owner of the OAuth app). */
  meEmail: string;
}

export interface SeedWorld {
  organizations: Map<number, OrganizationRecord>;
  customers: Map<number, CustomerRecord>;
  customersByOrganization: Map<number, number[]>;
  spamSenderIds: number[];
  users: Map<number, UserRecord>;
  meId: number;
  mailboxes: MailboxRecord[];
  /** In creation order (ids ascending). */
  conversations: ConversationRecord[];
}

const PLAN_WEIGHTS: Readonly<Record<PlanName, number>> = { free: 35, starter: 30, growth: 25, enterprise: 10 };
const STATUS_WEIGHTS: Readonly<Record<ConversationStatus, number>> = { active: 46, pending: 20, closed: 32, spam: 2 };
const MAILBOX_NAMES = [
  { name: 'API Support', local: 'support' },
  { name: 'Billing', local: 'billing' },
  { name: 'Enterprise', local: 'enterprise' },
  { name: 'Partners', local: 'partners' },
] as const;
export const MAX_MAILBOXES = MAILBOX_NAMES.length;
const BRAND_COLORS = ['#1f6feb', '#d1242f', '#2da44e', '#bf8700', '#8250df', '#0a3069', '#e16f24', '#57606a'];

function slug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

function makeOrganizations(rng: Rng, count: number, now: number): OrganizationRecord[] {
  const orgs: OrganizationRecord[] = [];
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
    let customerId = `cus_${rng.base36(5)}`;
    while (usedCustomerIds.has(customerId)) customerId = `cus_${rng.base36(6)}`;
    usedCustomerIds.add(customerId);
    const createdAt = now - rng.int(40, 1400) * DAY_MS - rng.int(0, DAY_MS);
    orgs.push({
      id: ORGANIZATION_ID_BASE + i * 7,
      name: `${base}${rng.pick(COMPANY_FORMS)}`,
      domain: `${slug(base)}.test`,
      plan: rng.weighted(PLAN_WEIGHTS),
      customerId,
      apiKeyPrefix: `sk_live_${rng.hex(4)}`,
      timeZone: rng.pick(TIME_ZONES),
      brandColor: rng.pick(BRAND_COLORS),
      createdAt,
      updatedAt: createdAt + rng.int(0, 30) * DAY_MS,
    });
  }
  return orgs;
}

function makeCustomers(rng: Rng, orgs: readonly OrganizationRecord[], now: number): { customers: CustomerRecord[]; byOrg: Map<number, number[]>; spamIds: number[] } {
  const customers: CustomerRecord[] = [];
  const byOrg = new Map<number, number[]>();
  let n = 0;
  const nextId = (): number => CUSTOMER_ID_BASE + n++ * 13;
  for (const org of orgs) {
    const count = rng.chance(0.45) ? 1 : rng.chance(0.6) ? 2 : 3;
    const stack = rng.pick(STACKS);
    const usedLocals = new Set<string>();
    const ids: number[] = [];
    for (let k = 0; k < count; k++) {
      const firstName = rng.pick(FIRST_NAMES);
      const lastName = rng.pick(LAST_NAMES);
      let local = rng.chance(0.7) ? `${slug(firstName)}.${slug(lastName)}` : slug(firstName);
      if (usedLocals.has(local)) local = `${local}${k + 1}`;
      usedLocals.add(local);
      const createdAt = Math.max(org.createdAt, now - rng.int(20, 900) * DAY_MS);
      const id = nextId();
      customers.push({
        id,
        firstName,
        lastName,
        email: `${local}@${org.domain}`,
        organizationId: org.id,
        jobTitle: rng.pick(JOB_TITLES),
        timeZone: rng.chance(0.85) ? org.timeZone : rng.pick(TIME_ZONES),
        stack: rng.chance(0.8) ? stack : rng.pick(STACKS),
        createdAt,
        updatedAt: createdAt + rng.int(0, 10) * DAY_MS,
      });
      ids.push(id);
    }
    byOrg.set(org.id, ids);
  }
  const spamIds: number[] = [];
  const spammers = [
    ['Growth', 'Team', 'growth@seo-blast.test'],
    ['Mail', 'Administrator', 'admin@mailbox-verify.test'],
    ['Kevin', 'Lee', 'kevin@cryptopay-partners.test'],
    ['Accounts', 'Receivable', 'ar@invoices-overdue.test'],
  ] as const;
  for (const [firstName, lastName, email] of spammers) {
    const id = nextId();
    customers.push({
      id,
      firstName,
      lastName,
      email,
      organizationId: null,
      jobTitle: '',
      timeZone: rng.pick(TIME_ZONES),
      stack: 'curl',
      createdAt: now - rng.int(1, 60) * DAY_MS,
      updatedAt: now - rng.int(0, 1) * DAY_MS,
    });
    spamIds.push(id);
  }
  return { customers, byOrg, spamIds };
}

function makeUsers(now: number, meEmail: string): UserRecord[] {
  const domain = meEmail.includes('@') ? meEmail.slice(meEmail.indexOf('@') + 1) : 'demo.test';
  return AGENTS.map((agent, i) => {
    const [firstName = agent.name, ...rest] = agent.name.split(' ');
    return {
      id: USER_ID_BASE + i * 11,
      firstName,
      lastName: rest.join(' '),
      email: i === 0 ? meEmail : `${agent.local}@${domain}`,
      role: i === 0 ? 'owner' : agent.role === 'admin' ? 'admin' : 'user',
      timeZone: agent.zone.iana,
      createdAt: now - (800 - i * 90) * DAY_MS,
      updatedAt: now - (10 + i) * DAY_MS,
    };
  });
}

function makeMailboxes(count: number, now: number): MailboxRecord[] {
  return MAILBOX_NAMES.slice(0, Math.max(1, Math.min(MAX_MAILBOXES, count))).map((m, i) => ({
    id: MAILBOX_ID_BASE + i * 7,
    name: m.name,
    slug: `${(0x83ebc5d8 + i * 0x1111).toString(16)}${(0x7292a795 - i * 0x2222).toString(16)}`,
    email: `${m.local}@example-data.test`,
    createdAt: now - (1200 - i * 100) * DAY_MS,
    updatedAt: now - (30 + i) * DAY_MS,
  }));
}

/** How old a conversation of this status is (ms): spam and active ones recent, closed ones older. */
function ageFor(rng: Rng, status: ConversationStatus): number {
  const span = 14 * DAY_MS;
  switch (status) {
    case 'active':
      return Math.floor(rng.next() ** 1.8 * 10 * DAY_MS) + rng.int(5, 90) * MINUTE_MS;
    case 'pending':
      return Math.floor(rng.next() ** 1.4 * span) + rng.int(30, 180) * MINUTE_MS;
    case 'closed':
      return Math.floor((0.1 + rng.next() * 0.9) * span);
    case 'spam':
      return Math.floor(rng.next() * span) + rng.int(5, 60) * MINUTE_MS;
  }
}

/**
 * The events of a seeded conversation, one letter each: C customer message, A agent reply, P agent reply that sets
 * pending, R agent reply that solves, N note, G assignment line item, X close line item, Y pending line item,
 * S spam line item. The first is always the customer's message (or, on a phone conversation, the agent's log).
 */
function shapeFor(rng: Rng, status: ConversationStatus): string {
  switch (status) {
    case 'active': {
      const roll = rng.next();
      if (roll < 0.35) return rng.chance(0.3) ? 'CN' : 'C';
      if (roll < 0.75) return rng.chance(0.3) ? 'CGNAC' : 'CGAC';
      return rng.chance(0.3) ? 'CGACAC' : 'CGA';
    }
    case 'pending':
      return rng.pick(['CGP', 'CGNP', 'CGACP', 'CGAY']);
    case 'closed':
      return rng.pick(['CGRX', 'CGACRX', 'CGANCRX', 'CGACAX']);
    case 'spam':
      return 'CS';
  }
}

function typeFor(rng: Rng, templateId: string): ConversationType {
  if (templateId === 'forwarded_html') return 'email';
  const roll = rng.next();
  return roll < 0.86 ? 'email' : roll < 0.95 ? 'chat' : 'phone';
}

/** Event times: the first at creation, the last `span` later, the others spread between. */
function eventTimes(rng: Rng, n: number, createdAt: number, span: number): number[] {
  const times = [createdAt];
  if (n <= 1) return times;
  const inner: number[] = [];
  for (let i = 0; i < n - 2; i++) inner.push(rng.next());
  inner.sort((a, b) => a - b);
  for (const f of inner) times.push(createdAt + Math.floor(span * (0.05 + f * 0.9)));
  times.push(createdAt + span);
  return times;
}

interface ConversationDraft {
  id: number;
  number: number;
  status: ConversationStatus;
  createdAt: number;
  customer: CustomerRecord;
  organization: OrganizationRecord | undefined;
  mailboxes: readonly MailboxRecord[];
  users: readonly UserRecord[];
  meId: number;
  /** Colleagues of the customer, candidates for cc. */
  colleagues: readonly CustomerRecord[];
  now: number;
  rng: Rng;
  threadSeed: number;
}

/** Builds a seeded conversation and its threads from its own random stream. */
function buildConversation(d: ConversationDraft): ConversationRecord {
  const r = d.rng;
  const templateId = r.weighted(TEMPLATE_WEIGHTS);
  const { composed, rng: textRng } = composeConversation(d.threadSeed, templateId, d.organization, d.customer, d.createdAt);
  const billing = d.mailboxes[1];
  const enterprise = d.mailboxes[2];
  const mailbox =
    (BILLING_TEMPLATES.has(templateId) ? billing : undefined) ??
    (d.organization?.plan === 'enterprise' && r.chance(0.5) ? enterprise : undefined) ??
    d.mailboxes[0];
  if (!mailbox) throw new Error('the seed needs at least one mailbox');
  const spam = d.status === 'spam';
  const type = spam ? 'email' : typeFor(r, templateId);
  const severity = spam ? null : pickSeverity(r, templateId);
  let shape = shapeFor(r, d.status);
  const agents = d.users;
  const agent = r.chance(0.3) ? (agents.find((u) => u.id === d.meId) ?? r.pick(agents)) : r.pick(agents);
  const answered = /[APRNXY]/.test(shape);
  const assigned = !spam && (answered || r.chance(0.5));
  if (!assigned) shape = shape.replaceAll('G', '');
  else if (!shape.includes('G')) shape = `${shape[0] ?? 'C'}G${shape.slice(1)}`;
  const cc = !spam && r.chance(0.08) && d.colleagues.length > 0 ? [r.pick(d.colleagues).email] : [];
  const age = Math.max(0, d.now - d.createdAt);
  const wanted = Math.floor(shape.length * r.int(20, 26 * 60) * MINUTE_MS * (0.3 + r.next()));
  const span = shape.length === 1 ? 0 : Math.min(age, Math.max(MINUTE_MS, age - r.int(1, 30) * MINUTE_MS), wanted);
  const lastAt = d.createdAt + span;
  const times = eventTimes(r, shape.length, d.createdAt, span);

  const conversation: ConversationRecord = {
    id: d.id,
    number: d.number,
    type,
    mailboxId: mailbox.id,
    status: d.status,
    state: 'published',
    subject: composed.subject,
    customerId: d.customer.id,
    assigneeId: assigned ? agent.id : null,
    tags: spam ? [] : conversationTags(r, composed, severity),
    cc,
    createdAt: d.createdAt,
    closedAt: null,
    closedBy: null,
    modifiedAt: d.createdAt,
    seq: 0,
    threads: [],
  };

  let agentReplies = 0;
  let customerReplies = 0;
  for (let i = 0; i < shape.length; i++) {
    const createdAt = times[i] ?? lastAt;
    const reply = (pool: readonly string[], fallback: string): string => {
      const text = pool[agentReplies % Math.max(1, pool.length)] ?? fallback;
      agentReplies++;
      return `${text}\n\n${signature(agent.firstName)}`;
    };
    const openedAt = r.chance(0.6) ? Math.min(d.now, createdAt + r.int(2, 300) * MINUTE_MS) : null;
    switch (shape[i]) {
      case 'C': {
        if (i === 0 && spam) {
          const mail = spamMail(textRng, mailbox.email);
          conversation.subject = mail.subject;
          addCustomerThread({ conversation, createdAt, text: mail.text, html: mail.html, mailboxEmail: mailbox.email });
        } else if (i === 0 && type === 'phone') {
          const text = `Phone call with ${fullName(d.customer)}.\n\n${toPlain(composed.blocks)}`;
          addAgentMessage({ conversation, createdAt, user: agent, text, status: 'active', customerEmail: d.customer.email, type: 'phone' });
        } else if (i === 0) {
          addCustomerThread({ conversation, createdAt, text: toPlain(composed.blocks), html: toMailHtml(composed.blocks), mailboxEmail: mailbox.email, cc });
        } else {
          const pool = composed.followUps;
          const text = pool[customerReplies % Math.max(1, pool.length)] ?? 'Any update on this?';
          customerReplies++;
          addCustomerThread({ conversation, createdAt, text: `${text}\n\n${d.customer.firstName}`, mailboxEmail: mailbox.email });
        }
        break;
      }
      case 'A':
        addAgentMessage({ conversation, createdAt, user: agent, text: reply(composed.agentReplies, 'Thanks, we are looking into it.'), status: 'active', customerEmail: d.customer.email, openedAt });
        break;
      case 'P':
        addAgentMessage({ conversation, createdAt, user: agent, text: reply(composed.agentReplies, 'Could you send us a request id?'), status: 'pending', customerEmail: d.customer.email, openedAt });
        break;
      case 'R': {
        const text = `${textRng.pick(composed.resolutions.length > 0 ? composed.resolutions : ['Closing this conversation.'])}\n\n${signature(agent.firstName)}`;
        addAgentMessage({ conversation, createdAt, user: agent, text, status: 'nochange', customerEmail: d.customer.email, openedAt });
        break;
      }
      case 'N':
        addNote({ conversation, createdAt, user: agent, text: textRng.pick(composed.notes.length > 0 ? composed.notes : ['Looking into it.']) });
        break;
      case 'G':
        addLineItem({ conversation, createdAt, user: agent, status: 'nochange', text: `Assigned to ${fullName(agent)}` });
        break;
      default: {
        const status: ThreadStatus = shape[i] === 'X' ? 'closed' : shape[i] === 'Y' ? 'pending' : 'spam';
        const by = status === 'spam' ? r.pick(agents) : agent;
        addLineItem({ conversation, createdAt, user: by, status, text: statusLineText(status) });
        if (status === 'closed') {
          conversation.closedAt = createdAt;
          conversation.closedBy = by.id;
        }
      }
    }
  }
  conversation.modifiedAt = conversation.threads[conversation.threads.length - 1]?.createdAt ?? d.createdAt;
  return conversation;
}

export function generateWorld(options: SeedOptions): SeedWorld {
  const { now } = options;
  const rng = createRng(mixSeed(options.seed, 0x4e15));
  const orgList = makeOrganizations(rng.fork(), Math.max(1, options.organizations), now);
  const { customers: customerList, byOrg, spamIds } = makeCustomers(rng.fork(), orgList, now);
  const userList = makeUsers(now, options.meEmail);
  const mailboxes = makeMailboxes(options.mailboxes, now);
  const organizations = new Map(orgList.map((o) => [o.id, o]));
  const customers = new Map(customerList.map((c) => [c.id, c]));
  const users = new Map(userList.map((u) => [u.id, u]));
  const meId = userList[0]?.id ?? USER_ID_BASE;

  // Enterprise and growth customers write in more often.
  const orgPool: number[] = [];
  for (const org of orgList) {
    const weight = org.plan === 'enterprise' ? 4 : org.plan === 'growth' ? 3 : org.plan === 'starter' ? 2 : 1;
    for (let k = 0; k < weight; k++) orgPool.push(org.id);
  }

  const conversationRng = rng.fork();
  const drafts: { status: ConversationStatus; createdAt: number; rng: Rng }[] = [];
  for (let i = 0; i < Math.max(0, options.conversations); i++) {
    const status = conversationRng.weighted(STATUS_WEIGHTS);
    drafts.push({ status, createdAt: now - ageFor(conversationRng, status), rng: conversationRng.fork() });
  }
  // Ids and numbers grow with creation time, as in a real account.
  drafts.sort((a, b) => a.createdAt - b.createdAt);

  const conversations = drafts.map((draft, index) => {
    const r = draft.rng;
    const spam = draft.status === 'spam';
    const org = spam ? undefined : organizations.get(r.pick(orgPool));
    const customerId = spam ? r.pick(spamIds) : r.pick(byOrg.get(org?.id ?? -1) ?? []);
    const customer = customers.get(customerId);
    if (!customer) throw new Error(`missing customer ${customerId}`);
    const colleagues = (byOrg.get(org?.id ?? -1) ?? []).filter((id) => id !== customerId).flatMap((id) => customers.get(id) ?? []);
    const id = conversationIdAt(index);
    return buildConversation({
      id,
      number: FIRST_NUMBER + index,
      status: draft.status,
      createdAt: draft.createdAt,
      customer,
      organization: org,
      mailboxes,
      users: userList,
      meId,
      colleagues,
      now,
      rng: r,
      threadSeed: mixSeed(options.seed, id, 0x7e11),
    });
  });

  return { organizations, customers, customersByOrganization: byOrg, spamSenderIds: spamIds, users, meId, mailboxes, conversations };
}

