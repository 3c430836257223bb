import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { type QuarantinedRecord, RAW_EXCERPT_CHARS } from '../../../shared/domain/quarantined-record.ts';
import type { QueueView } from '../../../shared/domain/queue-view.ts';
import type { ConversationEntry } from '../../../shared/domain/ticket-detail.ts';
import type { TicketDue } from '../../../shared/domain/ticket-due.ts';
import type { TicketEvent } from '../../../shared/domain/ticket-event.ts';
import {
  planTierOf,
  type Severity,
  type TicketKey,
  type TicketStatus,
  type TicketSummary,
} from '../../../shared/domain/ticket.ts';
import type { SyncPage } from '../sync/sync-page.ts';
import { inTransaction } from './database.ts';
import type { QueueOrder, QueueOrderEntry, SubsetRule } from './queue-order.ts';
import { searchTextOf } from './search-text.ts';
import { StoredQueueOrder } from './stored-queue-order.ts';

interface TicketRow {
  id: number;
  account_id: string;
  source_id: string;
  subject: string;
  status: string;
  severity: string | null;
  created_at: string;
  updated_at: string;
  tags: string;
  requester_name: string | null;
  requester_email: string | null;
  organization_name: string | null;
  organization_plan: string | null;
  assignee_name: string | null;
  assignee_id: string | null;
  customer_severity: string | null;
  due: string | null;
  /** 2: a write refused, 1: one waiting to be sent, null: none. */
  unsent: number | null;
}

interface TicketDetailRow extends TicketRow {
  description: string;
  url: string | null;
}

const SUMMARY_COLUMNS = `
  t.id, t.account_id, t.source_id, t.subject, t.status, t.severity, t.created_at, t.updated_at, t.tags, t.assignee_id,
  t.customer_severity, t.due,
  r.name AS requester_name, r.email AS requester_email,
  o.name AS organization_name, o.plan AS organization_plan,
  a.name AS assignee_name,
  (SELECT MAX(CASE WHEN w.state = 'failed' THEN 2 ELSE 1 END) FROM outbox w
    WHERE w.account_id = t.account_id AND w.ticket_id = t.source_id AND w.state <> 'sent') AS unsent`;

// The requester, and the organization whose plan applies: the ticket's, else the requester's.
const PLAN_JOIN = `
  LEFT JOIN people r ON r.account_id = t.account_id AND r.source_id = t.requester_id
  LEFT JOIN organizations o ON o.account_id = t.account_id AND o.source_id = COALESCE(t.organization_id, r.organization_id)`;

const SUMMARY_JOINS = `${PLAN_JOIN}
  LEFT JOIN people a ON a.account_id = t.account_id AND a.source_id = t.assignee_id`;

/** What a view needs to know besides the ticket: the instant (Breaching soon) and each account's own agent (Mine). */
interface ViewContext {
  nowSeconds: number;
  meIds: ReadonlyMap<string, string>;
}

/** Which tickets each view holds; the queue's order is QueueOrder's. */
const VIEW_FILTERS: Record<QueueView, (entry: QueueOrderEntry, context: ViewContext) => boolean> = {
  all_open: (e) => e.open,
  p1: (e) => e.open && e.severity === 'P1',
  p2: (e) => e.open && e.severity === 'P2',
  p3: (e) => e.open && e.severity === 'P3',
  p4: (e) => e.open && e.severity === 'P4',
  // Breached or at risk now.
  breaching_soon: (e, c) => e.open && e.dueRiskAt !== null && e.dueRiskAt <= c.nowSeconds,
  mine: (e, c) => e.open && e.assigneeId !== null && e.assigneeId === c.meIds.get(e.accountId),
  unassigned: (e) => e.open && e.assigneeId === null,
};

/** What else than the tickets and the clock a view depends on: it is filtered again when that changes. */
const VIEW_VARIANTS: Record<QueueView, (context: ViewContext) => string> = {
  all_open: () => '',
  p1: () => '',
  p2: () => '',
  p3: () => '',
  p4: () => '',
  breaching_soon: () => '',
  mine: (c) => JSON.stringify([...c.meIds]),
  unassigned: () => '',
};

function viewRule(view: QueueView, context: ViewContext): SubsetRule {
  const filter = VIEW_FILTERS[view];
  const keep = (entry: QueueOrderEntry): boolean => filter(entry, context);
  // An open ticket joins Breaching soon when its due turns at risk.
  return view === 'breaching_soon' ? { keep, changesAt: (entry) => (entry.open ? entry.dueRiskAt : null) } : { keep };
}

/** One page of a view or of a search, and where the ticket asked about is in the whole of it. */
export interface QueuePage {
  total: number;
  tickets: TicketSummary[];
  /** The row (0-based) of the ticket given as `locate`, or null when it is not there or none was given. */
  located: number | null;
}

export interface StoredTicketDetail extends TicketSummary {
  description: string;
  url: string | null;
  conversation: ConversationEntry[];
}

/** What the SLA engine needs of a ticket besides its events: how it stands now. */
export interface TicketForSla {
  key: TicketKey;
  createdAt: string;
  updatedAt: string;
  status: TicketStatus;
  severity: Severity | null;
  tags: string[];
  plan: string | null;
  deleted: boolean;
  events: TicketEvent[];
}

/** The engine's answer for one ticket, as the queue stores it. */
export interface TicketDueRecord {
  key: TicketKey;
  due: TicketDue | null;
  customerSeverity: Severity | null;
  /** The oldest customer message still unanswered (epoch seconds), for the queue's last tie-break. */
  waitingSince: number | null;
}

interface TicketForSlaRow {
  id: number;
  account_id: string;
  source_id: string;
  created_at: string;
  updated_at: string;
  status: string;
  severity: string | null;
  tags: string;
  plan: string | null;
  deleted: number;
}

export interface SyncCheckpoint {
  checkpoint: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
}

export interface StoredAccount {
  accountId: string;
  lastSuccessAt: string | null;
  /** When the last run ended, in success or not. */
  lastAttemptAt: string | null;
  /** The last run's error; cleared by a success. */
  lastError: string | null;
  /** When the polling sync means to run next; null when none is polling (or its run is under way). */
  nextPollAt: string | null;
  /** Tickets in the queue or solved (deleted, spam and merged-away ones not counted). */
  tickets: number;
  quarantined: number;
}

/** Tickets, the people and organizations they refer to, and each account's sync checkpoint. */
export class TicketStore {
  readonly #db: DatabaseSync;
  readonly #upsertTicket: StatementSync;
  readonly #upsertPerson: StatementSync;
  readonly #upsertOrganization: StatementSync;
  readonly #upsertEvent: StatementSync;
  readonly #upsertMessage: StatementSync;
  readonly #markDueStale: StatementSync;
  readonly #quarantine: StatementSync;
  readonly #writeCheckpoint: StatementSync;
  readonly #summaryOf: StatementSync;
  readonly #statements = new Map<string, StatementSync>();
  /** Made on the first read of a view: the command line's listings never pay for it. */
  #queueOrder: StoredQueueOrder | null = null;

  constructor(db: DatabaseSync) {
    this.#db = db;
    db.function('search_text', { deterministic: true }, (html) => (typeof html === 'string' ? searchTextOf(html) : ''));
    // Keep the newest version: an older payload arriving late (overlap, retry) never overwrites a newer one.
    this.#upsertTicket = db.prepare(`
      INSERT INTO tickets (account_id, source_id, subject, description, status, severity, requester_id, organization_id,
                           assignee_id, tags, created_at, updated_at, deleted, url, raw)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (account_id, source_id) DO UPDATE SET
        subject = excluded.subject, description = excluded.description, status = excluded.status,
        severity = excluded.severity, requester_id = excluded.requester_id, organization_id = excluded.organization_id,
        assignee_id = excluded.assignee_id, tags = excluded.tags, created_at = excluded.created_at,
        updated_at = excluded.updated_at, deleted = excluded.deleted, url = excluded.url, raw = excluded.raw,
        due_stale = 1
      WHERE excluded.updated_at >= tickets.updated_at`);
    // A replayed event is stored once; an edited one (a comment made private) replaces its earlier version.
    this.#upsertEvent = db.prepare(`
      INSERT INTO ticket_events (account_id, source_id, event_id, at, event) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (account_id, source_id, event_id) DO UPDATE SET at = excluded.at, event = excluded.event
      WHERE ticket_events.event IS NOT excluded.event`);
    this.#upsertMessage = db.prepare(`
      INSERT INTO ticket_messages (account_id, source_id, message_id, at, kind, author_id, html) VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (account_id, source_id, message_id) DO UPDATE SET
        at = excluded.at, kind = excluded.kind, author_id = excluded.author_id, html = excluded.html
      WHERE ticket_messages.html IS NOT excluded.html OR ticket_messages.kind IS NOT excluded.kind`);
    this.#markDueStale = db.prepare('UPDATE tickets SET due_stale = 1 WHERE account_id = ? AND source_id = ?');
    // Pages carry their requesters and organizations again and again (a first sync of 100,000 tickets meets each of
    // 3,000 organizations some 30 times): one that has not changed is not written again.
    this.#upsertPerson = db.prepare(`
      INSERT INTO people (account_id, source_id, name, email, role, organization_id, updated_at, raw)
      VALUES (:account_id, :source_id, :name, :email, :role, :organization_id, :updated_at, :raw)
      ON CONFLICT (account_id, source_id) DO UPDATE SET
        name = excluded.name, email = excluded.email, role = excluded.role, organization_id = excluded.organization_id,
        updated_at = excluded.updated_at, raw = excluded.raw
      WHERE (excluded.updated_at IS NULL OR people.updated_at IS NULL OR excluded.updated_at >= people.updated_at)
        AND (people.name, people.email, people.role, people.organization_id, people.updated_at, people.raw)
          IS NOT (excluded.name, excluded.email, excluded.role, excluded.organization_id, excluded.updated_at, excluded.raw)`);
    this.#upsertOrganization = db.prepare(`
      INSERT INTO organizations (account_id, source_id, name, plan, tier, updated_at, raw)
      VALUES (:account_id, :source_id, :name, :plan, :tier, :updated_at, :raw)
      ON CONFLICT (account_id, source_id) DO UPDATE SET
        name = excluded.name, plan = excluded.plan, tier = excluded.tier, updated_at = excluded.updated_at, raw = excluded.raw
      WHERE (excluded.updated_at IS NULL OR organizations.updated_at IS NULL OR excluded.updated_at >= organizations.updated_at)
        AND (organizations.name, organizations.plan, organizations.tier, organizations.updated_at, organizations.raw)
          IS NOT (excluded.name, excluded.plan, excluded.tier, excluded.updated_at, excluded.raw)`);
    this.#quarantine = db.prepare(`
      INSERT INTO quarantine (account_id, kind, source_id, error, raw, seen_at) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (account_id, kind, source_id) DO UPDATE SET error = excluded.error, raw = excluded.raw, seen_at = excluded.seen_at`);
    this.#writeCheckpoint = db.prepare(`
      INSERT INTO sync_state (account_id, checkpoint) VALUES (?, ?)
      ON CONFLICT (account_id) DO UPDATE SET checkpoint = excluded.checkpoint`);
    this.#summaryOf = db.prepare(`SELECT ${SUMMARY_COLUMNS}, t.deleted FROM tickets t ${SUMMARY_JOINS}
      WHERE t.account_id = ? AND t.source_id = ?`);
  }

  /**
   * Stores one sync page and the checkpoint that follows it in a single transaction, so a crash at any
   * instant leaves either the page and its checkpoint or neither: nothing skipped, nothing doubled.
   * Returns the keys of the tickets that changed.
   */
  applySyncPage(accountId: string, page: SyncPage, now: Date): TicketKey[] {
    return inTransaction(this.#db, () => {
      for (const org of page.organizations) {
        this.#upsertOrganization.run({
          account_id: accountId,
          source_id: org.sourceId,
          name: org.name,
          plan: org.plan,
          tier: planTierOf(org.plan),
          updated_at: org.updatedAt,
          raw: JSON.stringify(org.raw),
        });
      }
      for (const person of page.people) {
        this.#upsertPerson.run({
          account_id: accountId,
          source_id: person.sourceId,
          name: person.name,
          email: person.email,
          role: person.role,
          organization_id: person.organizationId,
          updated_at: person.updatedAt,
          raw: JSON.stringify(person.raw),
        });
      }
      const changed: TicketKey[] = [];
      for (const ticket of page.tickets) {
        // Positional parameters on the sync's hottest statement: the bench went from about 5,000-5,600 to 5,700-6,700
        // tickets/s against named ones.
        const result = this.#upsertTicket.run(
          accountId,
          ticket.sourceId,
          ticket.subject,
          ticket.description,
          ticket.status,
          ticket.severity,
          ticket.requesterId,
          ticket.organizationId,
          ticket.assigneeId,
          JSON.stringify([...ticket.tags].sort()),
          ticket.createdAt,
          ticket.updatedAt,
          ticket.deleted ? 1 : 0,
          ticket.url,
          JSON.stringify(ticket.raw),
        );
        if (result.changes > 0) changed.push({ accountId, sourceId: ticket.sourceId });
      }
      const historyChanged = new Set<string>();
      for (const { ticketSourceId, eventId, event } of page.events) {
        const result = this.#upsertEvent.run(accountId, ticketSourceId, eventId, event.at, JSON.stringify(event));
        if (result.changes > 0) historyChanged.add(ticketSourceId);
      }
      for (const m of page.messages) {
        const result = this.#upsertMessage.run(accountId, m.ticketSourceId, m.messageId, m.at, m.kind, m.authorId, m.html);
        if (result.changes > 0) historyChanged.add(m.ticketSourceId);
      }
      for (const sourceId of historyChanged) this.#markDueStale.run(accountId, sourceId);
      for (const record of page.quarantined) {
        this.#quarantine.run(accountId, record.kind, record.sourceId, record.error, JSON.stringify(record.raw) ?? 'null', now.toISOString());
      }
      this.#writeCheckpoint.run(accountId, page.checkpoint);
      return changed;
    });
  }

  /** Prepares a statement once: queue reads and every poll's bookkeeping reuse it. */
  #statement(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  readCheckpoint(accountId: string): SyncCheckpoint {
    const row = this.#statement('SELECT checkpoint, last_success_at, last_error FROM sync_state WHERE account_id = ?')
      .get(accountId) as { checkpoint: string | null; last_success_at: string | null; last_error: string | null } | undefined;
    return { checkpoint: row?.checkpoint ?? null, lastSuccessAt: row?.last_success_at ?? null, lastError: row?.last_error ?? null };
  }

  /** How a run ended at `at`: a success clears the last error. */
  recordSyncOutcome(accountId: string, at: string, outcome: { error: string } | null): void {
    if (outcome === null) {
      this.#statement(`INSERT INTO sync_state (account_id, last_success_at, last_attempt_at, last_error) VALUES (?, ?, ?, NULL)
          ON CONFLICT (account_id) DO UPDATE SET last_success_at = excluded.last_success_at, last_attempt_at = excluded.last_attempt_at, last_error = NULL`)
        .run(accountId, at, at);
    } else {
      this.#statement(`INSERT INTO sync_state (account_id, last_attempt_at, last_error) VALUES (?, ?, ?)
          ON CONFLICT (account_id) DO UPDATE SET last_attempt_at = excluded.last_attempt_at, last_error = excluded.last_error`)
        .run(accountId, at, outcome.error);
    }
  }

  /** When the account's polling sync runs next (null: it is running, or stopped). */
  recordNextPoll(accountId: string, at: string | null): void {
    this.#statement('UPDATE sync_state SET next_poll_at = ? WHERE account_id = ?').run(at, accountId);
  }

  countQuarantined(accountId: string): number {
    const row = this.#statement('SELECT COUNT(*) AS n FROM quarantine WHERE account_id = ?').get(accountId) as { n: number };
    return row.n;
  }

  /**
   * The account's quarantined records, most recently seen first (tickets before what they refer to), each with the
   * start of its raw payload. The table keeps when a record was last seen (a sync that meets it again overwrites it),
   * not when it was first.
   */
  listQuarantined(accountId: string, offset: number, limit: number): { total: number; records: QuarantinedRecord[] } {
    const rows = this.#statement(`SELECT kind, source_id, error, seen_at, substr(raw, 1, ${RAW_EXCERPT_CHARS}) AS excerpt, length(raw) AS raw_length
        FROM quarantine WHERE account_id = ?
        ORDER BY seen_at DESC, CASE kind WHEN 'ticket' THEN 0 WHEN 'event' THEN 1 WHEN 'person' THEN 2 ELSE 3 END, source_id
        LIMIT ? OFFSET ?`)
      .all(accountId, limit, offset) as { kind: QuarantinedRecord['kind']; source_id: string; error: string; seen_at: string; excerpt: string; raw_length: number }[];
    return {
      total: this.countQuarantined(accountId),
      records: rows.map((row) => ({
        kind: row.kind,
        sourceId: row.source_id,
        reason: row.error,
        lastSeenAt: row.seen_at,
        rawExcerpt: row.excerpt,
        rawLength: row.raw_length,
      })),
    };
  }

  /**
   * Every account the store holds anything of, by id, with how its sync last went and what it holds: the command
   * line's `status`, which runs without the accounts' configuration.
   */
  storedAccounts(): StoredAccount[] {
    const rows = this.#statement(`SELECT a.account_id, s.last_success_at, s.last_attempt_at, s.last_error, s.next_poll_at,
        (SELECT COUNT(*) FROM tickets t WHERE t.account_id = a.account_id AND t.deleted = 0) AS tickets,
        (SELECT COUNT(*) FROM quarantine q WHERE q.account_id = a.account_id) AS quarantined
      FROM (SELECT account_id FROM sync_state UNION SELECT account_id FROM tickets UNION SELECT account_id FROM quarantine) a
      LEFT JOIN sync_state s ON s.account_id = a.account_id ORDER BY a.account_id`)
      .all() as {
      account_id: string;
      last_success_at: string | null;
      last_attempt_at: string | null;
      last_error: string | null;
      next_poll_at: string | null;
      tickets: number;
      quarantined: number;
    }[];
    return rows.map((row) => ({
      accountId: row.account_id,
      lastSuccessAt: row.last_success_at,
      lastAttemptAt: row.last_attempt_at,
      lastError: row.last_error,
      nextPollAt: row.next_poll_at,
      tickets: row.tickets,
      quarantined: row.quarantined,
    }));
  }

  /**
   * Records the SLA policy the dues are computed with; a different one than last time makes every due stale.
   * Returns whether it changed.
   */
  useSlaPolicy(policy: object): boolean {
    const json = JSON.stringify(policy);
    const row = this.#statement('SELECT policy FROM sla_policy WHERE id = 1').get() as { policy: string } | undefined;
    if (row?.policy === json) return false;
    inTransaction(this.#db, () => {
      this.#statement('INSERT INTO sla_policy (id, policy) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET policy = excluded.policy').run(json);
      this.#statement('UPDATE tickets SET due_stale = 1 WHERE due_stale = 0').run();
    });
    return true;
  }

  /** The policy the stored dues were computed with, as it was stored (the caller validates it), or null. */
  storedSlaPolicy(): unknown {
    const row = this.#statement('SELECT policy FROM sla_policy WHERE id = 1').get() as { policy: string } | undefined;
    return row ? (JSON.parse(row.policy) as unknown) : null;
  }

  /** Up to `limit` tickets whose ticket or history changed since their due was last computed. */
  ticketsWithStaleDue(limit: number): TicketForSla[] {
    const rows = this.#statement(`SELECT ${SLA_COLUMNS} FROM tickets t ${PLAN_JOIN} WHERE t.due_stale = 1 LIMIT ?`)
      .all(limit) as unknown as TicketForSlaRow[];
    // One query for the whole batch's histories: a query per ticket cost a first sync about a second per 20,000.
    const histories = new Map<number, string[]>();
    const events = this.#statement(`SELECT t.id, e.event FROM tickets t
        JOIN ticket_events e ON e.account_id = t.account_id AND e.source_id = t.source_id
        WHERE t.id IN (SELECT value FROM json_each(?)) ORDER BY t.id, e.at, e.id`)
      .all(JSON.stringify(rows.map((row) => row.id))) as { id: number; event: string }[];
    for (const { id, event } of events) {
      const list = histories.get(id);
      if (list) list.push(event);
      else histories.set(id, [event]);
    }
    return rows.map((row) => this.#forSla(row, histories.get(row.id) ?? []));
  }

  /** A ticket with its history, for `sla explain` and the ticket view; null if unknown. */
  ticketForSla(key: TicketKey): TicketForSla | null {
    const row = this.#statement(`SELECT ${SLA_COLUMNS} FROM tickets t ${PLAN_JOIN} WHERE t.account_id = ? AND t.source_id = ?`)
      .get(key.accountId, key.sourceId) as unknown as TicketForSlaRow | undefined;
    if (!row) return null;
    const events = this.#statement('SELECT event FROM ticket_events WHERE account_id = ? AND source_id = ? ORDER BY at, id')
      .all(row.account_id, row.source_id) as { event: string }[];
    return this.#forSla(row, events.map((e) => e.event));
  }

  #forSla(row: TicketForSlaRow, events: readonly string[]): TicketForSla {
    return {
      key: { accountId: row.account_id, sourceId: row.source_id },
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      status: row.status as TicketStatus,
      severity: row.severity as Severity | null,
      tags: JSON.parse(row.tags) as string[],
      plan: row.plan,
      deleted: row.deleted === 1,
      // Written by applySyncPage from validated events: the store's own data.
      events: events.map((event) => JSON.parse(event) as TicketEvent),
    };
  }

  /** Stores the engine's answers in one transaction and clears their stale marks. */
  saveDues(records: readonly TicketDueRecord[]): void {
    const save = this.#statement(`UPDATE tickets SET due_at = ?, due_risk_at = ?, due = ?, customer_severity = ?, waiting_since = ?,
        due_stale = 0 WHERE account_id = ? AND source_id = ?`);
    const unindex = this.#statement('DELETE FROM ticket_search WHERE rowid = (SELECT id FROM tickets WHERE account_id = ? AND source_id = ?)');
    const index = this.#statement(`INSERT INTO ticket_search (rowid, subject, body, customer, tags)
      SELECT t.id, t.subject,
        t.description || ' ' || COALESCE((SELECT group_concat(search_text(m.html), ' ') FROM ticket_messages m
          WHERE m.account_id = t.account_id AND m.source_id = t.source_id), ''),
        concat_ws(' ', r.name, r.email, o.name), t.tags
      FROM tickets t ${PLAN_JOIN} WHERE t.account_id = ? AND t.source_id = ? AND t.deleted = 0`);
    inTransaction(this.#db, () => {
      for (const r of records) {
        const dueAt = r.due?.dueAt ?? null;
        const riskAt = dueAt === null || r.due === null ? null : dueAt - r.due.riskWindowSeconds;
        save.run(dueAt, riskAt, r.due === null ? null : JSON.stringify(r.due), r.customerSeverity, r.waitingSince, r.key.accountId, r.key.sourceId);
        // The search index follows the same changes as the due: the ticket, its history, its messages.
        unindex.run(r.key.accountId, r.key.sourceId);
        index.run(r.key.accountId, r.key.sourceId);
      }
    });
  }

  /** Builds the queue's order (if it is not) and `view` now, so that a window asking for it does not wait. */
  prepareView(view: QueueView, now: Date): void {
    this.#viewOf(this.#order(), view, now);
  }

  #order(): QueueOrder {
    this.#queueOrder ??= new StoredQueueOrder(this.#db);
    return this.#queueOrder.current();
  }

  /**
   * Rows `offset` to `offset + limit` of the tickets `select` takes from the order, as summaries, with their total
   * and the row of `locate`.
   */
  #page(select: (order: QueueOrder) => readonly QueueOrderEntry[], offset: number, limit: number, locate: TicketKey | null): QueuePage {
    const order = this.#order();
    const entries = select(order);
    const slice = entries.slice(offset, offset + limit);
    // The page's rows by id (the unary + keeps SQLite from scanning the deleted index instead).
    const rows = this.#statement(`SELECT ${SUMMARY_COLUMNS} FROM tickets t ${SUMMARY_JOINS}
        WHERE t.id IN (SELECT value FROM json_each(?)) AND +t.deleted = 0`)
      .all(JSON.stringify(slice.map((entry) => entry.id))) as unknown as TicketRow[];
    const byId = new Map(rows.map((row) => [row.id, row]));
    const locatedId = locate === null ? undefined : (this.#statement('SELECT id FROM tickets WHERE account_id = ? AND source_id = ?').get(locate.accountId, locate.sourceId) as { id: number } | undefined)?.id;
    const located = locatedId === undefined ? -1 : order.rowOf(entries, locatedId);
    return {
      total: entries.length,
      tickets: slice.flatMap((entry) => {
        const row = byId.get(entry.id);
        return row === undefined ? [] : [toSummary(row)];
      }),
      located: located < 0 ? null : located,
    };
  }

  /**
   * Full-text search over subjects, descriptions, the conversation, the requester's name and email, the organization
   * and tags: every word must match (as a prefix), results in the queue's order.
   */
  searchTickets(query: string, offset: number, limit: number, locate: TicketKey | null = null): QueuePage {
    const match = ftsQuery(query);
    if (match === null) return { total: 0, tickets: [], located: null };
    const matching = (): SubsetRule => {
      const read = this.#statement('SELECT rowid FROM ticket_search WHERE ticket_search MATCH ?');
      read.setReturnArrays(true);
      const found = new Set((read.all(match) as unknown as [number][]).map(([id]) => id));
      return { keep: (entry) => found.has(entry.id), retakeAfterUpdates: true };
    };
    return this.#page((order) => order.subset('search', match, matching, 0), offset, limit, locate);
  }

  /** Who the account's credentials belong to: their tickets make the Mine view. */
  recordIdentity(accountId: string, userId: string): void {
    this.#statement(`INSERT INTO sync_state (account_id, me_id) VALUES (?, ?)
        ON CONFLICT (account_id) DO UPDATE SET me_id = excluded.me_id`).run(accountId, userId);
  }

  /** The agent the account's credentials belong to, when the helpdesk has named them and their name is stored. */
  me(accountId: string): { name: string; email: string } | null {
    const row = this.#statement(`SELECT p.name, p.email FROM sync_state s JOIN people p ON p.account_id = s.account_id AND p.source_id = s.me_id
        WHERE s.account_id = ?`).get(accountId) as { name: string; email: string } | undefined;
    return row ?? null;
  }

  /** Tickets stored, deleted ones included. */
  countTickets(): number {
    return (this.#statement('SELECT COUNT(*) AS n FROM tickets').get() as { n: number }).n;
  }

  /** The open tickets of a view in the queue's order: rows `offset` to `offset + limit`, the total, where `locate` is. */
  listQueue(view: QueueView, offset: number, limit: number, now: Date = new Date(), locate: TicketKey | null = null): QueuePage {
    return this.#page((order) => this.#viewOf(order, view, now), offset, limit, locate);
  }

  #viewOf(order: QueueOrder, view: QueueView, now: Date): readonly QueueOrderEntry[] {
    const meRows = this.#statement('SELECT account_id, me_id FROM sync_state WHERE me_id IS NOT NULL').all() as { account_id: string; me_id: string }[];
    const context: ViewContext = { nowSeconds: Math.floor(now.getTime() / 1000), meIds: new Map(meRows.map((row) => [row.account_id, row.me_id])) };
    return order.subset(view, VIEW_VARIANTS[view](context), () => viewRule(view, context), context.nowSeconds);
  }

  /** Summaries of the given tickets as they are now, or null where the ticket is unknown. */
  summaries(keys: readonly TicketKey[]): { key: TicketKey; summary: TicketSummary | null; deleted: boolean }[] {
    return keys.map((key) => {
      const row = this.#summaryOf.get(key.accountId, key.sourceId) as unknown as (TicketRow & { deleted: number }) | undefined;
      return { key, summary: row ? toSummary(row) : null, deleted: row === undefined || row.deleted === 1 };
    });
  }

  /** What the ticket view shows besides the SLA: the summary, the description, the helpdesk link, the conversation. */
  getTicket(key: TicketKey): StoredTicketDetail | null {
    const row = this.#statement(`SELECT ${SUMMARY_COLUMNS}, t.description, t.url FROM tickets t ${SUMMARY_JOINS}
        WHERE t.account_id = ? AND t.source_id = ? AND t.deleted = 0`)
      .get(key.accountId, key.sourceId) as unknown as TicketDetailRow | undefined;
    if (!row) return null;
    const messages = this.#statement(`SELECT m.message_id, m.at, m.kind, p.name, p.email, m.html FROM ticket_messages m
        LEFT JOIN people p ON p.account_id = m.account_id AND p.source_id = m.author_id
        WHERE m.account_id = ? AND m.source_id = ? ORDER BY m.at, m.message_id`)
      .all(key.accountId, key.sourceId) as { message_id: string; at: string; kind: string; name: string | null; email: string | null; html: string }[];
    return {
      ...toSummary(row),
      description: row.description,
      url: row.url,
      conversation: messages.map((m) => ({
        id: m.message_id,
        at: m.at,
        kind: m.kind as ConversationEntry['kind'],
        author: m.name === null ? null : { name: m.name, email: m.email ?? '' },
        html: m.html,
      })),
    };
  }

  /** Every ticket that is not deleted, open or solved, for the command line's listing. */
  listAllTickets(): TicketSummary[] {
    const rows = this.#statement(`SELECT ${SUMMARY_COLUMNS} FROM tickets t ${SUMMARY_JOINS} WHERE t.deleted = 0`)
      .all() as unknown as TicketRow[];
    return rows.map(toSummary);
  }
}

const SLA_COLUMNS = `t.id, t.account_id, t.source_id, t.created_at, t.updated_at, t.status, t.severity, t.tags, t.deleted, o.plan AS plan`;

/** The user's words as an FTS5 query: each one quoted (so punctuation is literal) and matched as a prefix. */
function ftsQuery(text: string): string | null {
  const words = text
    .split(/\s+/)
    .map((word) => word.replace(/"/g, ''))
    .filter((word) => /[\p{L}\p{N}]/u.test(word));
  return words.length === 0 ? null : words.map((word) => `"${word}"*`).join(' ');
}

function toSummary(row: TicketRow): TicketSummary {
  return {
    accountId: row.account_id,
    sourceId: row.source_id,
    subject: row.subject,
    status: row.status as TicketStatus,
    severity: row.severity as Severity | null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    tags: JSON.parse(row.tags) as string[],
    requester: row.requester_name === null ? null : { name: row.requester_name, email: row.requester_email ?? '' },
    organization:
      row.organization_name === null
        ? null
        : { name: row.organization_name, plan: row.organization_plan, tier: planTierOf(row.organization_plan) },
    assignee: row.assignee_id === null ? null : { name: row.assignee_name ?? `Agent ${row.assignee_id}` },
    customerSeverity: row.customer_severity as Severity | null,
    due: row.due === null ? null : (JSON.parse(row.due) as TicketDue),
    unsent: row.unsent === 2 ? 'refused' : row.unsent === 1 ? 'waiting' : null,
  };
}
