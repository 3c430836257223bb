// A store filled straight through the store API, without a helpdesk: as many open tickets as asked, with people,
// organizations on every plan and dues from the real SLA engine, the same for the same seed. The ui.* bench rows use
// 100,000 of them; the quarantine panel's end-to-end test a few hundred plus quarantined records.
import { join } from 'node:path';
import type { Severity, TicketStatus } from '../../shared/domain/ticket.ts';
import { DEFAULT_SLA_POLICY } from '../../shared/sla/index.ts';
import { refreshStaleDues } from '../../main/core/sla/ticket-dues.ts';
import { DATABASE_FILE_NAME, openDatabase } from '../../main/core/store/database.ts';
import { TicketStore } from '../../main/core/store/ticket-store.ts';
import type { QuarantinedRecord, SyncedOrganization, SyncedPerson, SyncedTicket, SyncPage } from '../../main/core/sync/sync-page.ts';

export interface GeneratedStoreOptions {
  dataDir: string;
  accountId: string;
  tickets: number;
  /** Records stored aside as a sync would have quarantined them. */
  quarantined?: QuarantinedRecord[];
  /** The instant the tickets' ages and dues are relative to. */
  now: Date;
  seed?: number;
}

const PLANS = ['Free', 'Starter', 'Growth', 'Enterprise'] as const;
const SEVERITIES: readonly Severity[] = ['P1', 'P2', 'P3', 'P4'];
const STATUSES: readonly TicketStatus[] = ['new', 'open', 'open', 'open', 'pending', 'hold'];
const FIRST_NAMES = ['Ada', 'Bruno', 'Chiara', 'Dmitri', 'Elif', 'Farah', 'Goran', 'Hana', 'Ines', 'Jonas', 'Keiko', 'Luis', 'Mara', 'Nils', 'Olu'];
const LAST_NAMES = ['Okafor', 'Lindqvist', 'Moreau', 'Tanaka', 'Silva', 'Novak', 'Haddad', 'Kowalski', 'Byrne', 'Ferreira', 'Iyer', 'Schmidt'];
const COMPANY_WORDS = ['Acme', 'Northwind', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Vandelay', 'Stark', 'Wayne', 'Tyrell', 'Cyberdyne', 'Soylent'];
const SUBJECTS = [
  '429 Too Many Requests on /v2/charges since this morning',
  'Webhook signatures fail to verify after key rotation',
  'X-Api-Key ignored behind our proxy',
  'Pagination cursor returns duplicates on /v2/events',
  'OAuth token refresh returns invalid_grant',
  '502 Bad Gateway from the EU endpoint',
  'Idempotency-Key reused but second charge created',
  'Rate limit headers missing on batch endpoint',
  'SDK throws TimeoutError on large uploads',
  'Sandbox keys stopped working after plan change',
  'Export job stuck in "processing" for hours',
  'TLS handshake errors from our Java 8 clients',
];

/** A small deterministic generator (a linear congruential one): the same seed gives the same store. */
function randomFrom(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    // The high bits: a power-of-two modulus leaves the low ones with short cycles.
    return (state >>> 8) % n;
  };
}

/** Writes the tickets and computes their dues; the store is closed when this returns. */
export function generateStore(options: GeneratedStoreOptions): void {
  const { accountId, now } = options;
  const next = randomFrom(options.seed ?? 7);
  const pick = <T>(items: readonly T[]): T => items[next(items.length)]!;
  const nowMs = now.getTime();
  const iso = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString();
  const organizationCount = Math.max(4, Math.ceil(options.tickets / 40));
  const customerCount = Math.max(8, Math.ceil(options.tickets / 8));

  const organizations: SyncedOrganization[] = Array.from({ length: organizationCount }, (_, i) => {
    const plan = PLANS[i % PLANS.length]!;
    return { sourceId: `org-${i}`, name: `${pick(COMPANY_WORDS)} ${pick(COMPANY_WORDS)} ${i}`, plan, updatedAt: iso(nowMs - 86_400_000), raw: { id: i, plan } };
  });
  const agents: SyncedPerson[] = Array.from({ length: 12 }, (_, i) => {
    const name = `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`;
    return { sourceId: `agent-${i}`, name, email: `agent${i}@support.test`, role: 'agent', organizationId: null, updatedAt: null, raw: { id: i } };
  });
  const customers: SyncedPerson[] = Array.from({ length: customerCount }, (_, i) => {
    const first = pick(FIRST_NAMES);
    const last = pick(LAST_NAMES);
    return {
      sourceId: `customer-${i}`,
      name: `${first} ${last}`,
      email: `${first.toLowerCase()}.${last.toLowerCase()}${i}@customer${i % organizationCount}.test`,
      role: 'end-user',
      organizationId: `org-${i % organizationCount}`,
      updatedAt: null,
      raw: { id: i },
    };
  });

  const db = openDatabase(join(options.dataDir, DATABASE_FILE_NAME));
  const store = new TicketStore(db);
  store.useSlaPolicy(DEFAULT_SLA_POLICY);
  // The first agent's credentials "synced" the account: their tickets make the Mine view.
  store.recordIdentity(accountId, 'agent-0');
  const page = (tickets: SyncedTicket[], extra: Partial<SyncPage> = {}): SyncPage => ({
    tickets,
    people: [],
    organizations: [],
    events: [],
    messages: [],
    quarantined: [],
    checkpoint: String(tickets.length),
    caughtUp: false,
    ...extra,
  });
  store.applySyncPage(accountId, page([], { organizations, people: [...agents, ...customers], quarantined: options.quarantined ?? [] }), now);

  const BATCH = 5_000;
  for (let start = 0; start < options.tickets; start += BATCH) {
    const tickets: SyncedTicket[] = [];
    for (let i = start; i < Math.min(options.tickets, start + BATCH); i++) {
      // Ages up to five days, so the queue holds breached, at-risk and running tickets side by side.
      const createdMs = nowMs - next(5 * 86_400) * 1000;
      const customer = customers[next(customers.length)]!;
      const severity = pick(SEVERITIES);
      const subject = `${pick(SUBJECTS)} (#${i + 1})`;
      tickets.push({
        sourceId: String(i + 1),
        subject,
        description: `${subject}. Request id req_${(i * 7919).toString(36)}; seen from ${customer.email}.`,
        status: pick(STATUSES),
        deleted: false,
        severity,
        requesterId: customer.sourceId,
        organizationId: customer.organizationId,
        assigneeId: next(3) === 0 ? null : pick(agents).sourceId,
        tags: [severity.toLowerCase(), next(4) === 0 ? 'api-errors' : 'billing'],
        createdAt: iso(createdMs),
        updatedAt: iso(createdMs + next(3_600) * 1000),
        url: `https://support.example.test/agent/tickets/${i + 1}`,
        raw: { id: i + 1, subject, priority: severity, via: { channel: 'api' } },
      });
    }
    store.applySyncPage(accountId, page(tickets), now);
  }
  refreshStaleDues(store, DEFAULT_SLA_POLICY, now);
  db.close();
}
