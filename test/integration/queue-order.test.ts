// The queue's order is kept in memory by the store (main/core/store/queue-order.ts): it must stay the order SQLite
// gives for the same rows, through the store's writes, direct writes on its connection, writes from another process,
// and pages of any size.
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SLA_POLICY } from '../../shared/sla/index.ts';
import { refreshStaleDues } from '../../main/core/sla/ticket-dues.ts';
import { DATABASE_FILE_NAME, openDatabase } from '../../main/core/store/database.ts';
import { TicketStore } from '../../main/core/store/ticket-store.ts';
import type { SyncedTicket } from '../../main/core/sync/sync-page.ts';
import { generateStore } from '../support/generated-store.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const NOW = new Date('2024-03-06T12:00:00Z');

/** The queue's order as one SQL statement: what the in-memory order must reproduce. */
function sqlOrder(file: string, where: string): string[] {
  const db = new DatabaseSync(file, { readOnly: true });
  const rows = db
    .prepare(`SELECT source_id FROM tickets t WHERE t.deleted = 0 AND ${where}
      ORDER BY t.due_at IS NULL, t.due_at, COALESCE(t.severity, 'P9'), t.waiting_since IS NULL, t.waiting_since, t.id`)
    .all() as { source_id: string }[];
  db.close();
  return rows.map((row) => row.source_id);
}

const OPEN = "t.status IN ('new', 'open', 'pending', 'hold')";
const ids = (store: TicketStore, view: Parameters<TicketStore['listQueue']>[0]) => store.listQueue(view, 0, 5000, NOW).tickets.map((t) => t.sourceId);

function changedTicket(sourceId: string, changes: Partial<SyncedTicket>): SyncedTicket {
  return {
    sourceId,
    subject: `Changed ${sourceId}`,
    description: 'changed',
    status: 'open',
    deleted: false,
    severity: 'P1',
    requesterId: 'customer-1',
    organizationId: 'org-1',
    assigneeId: null,
    tags: [],
    createdAt: '2024-03-06T11:59:00Z',
    updatedAt: '2024-03-06T12:00:00Z',
    url: null,
    raw: {},
    ...changes,
  };
}

describe('the queue order kept in memory', () => {
  const tempDir = useTempDirs();

  it('is the SQL order for every view, through incremental writes and a write from another connection', () => {
    const dir = tempDir();
    const file = join(dir, DATABASE_FILE_NAME);
    generateStore({ dataDir: dir, accountId: 'acme', tickets: 1500, now: NOW });
    const db = openDatabase(file);
    const store = new TicketStore(db);
    expect(ids(store, 'all_open')).toEqual(sqlOrder(file, OPEN));
    expect(ids(store, 'p2')).toEqual(sqlOrder(file, `${OPEN} AND t.severity = 'P2'`));
    expect(ids(store, 'unassigned')).toEqual(sqlOrder(file, `${OPEN} AND t.assignee_id IS NULL`));
    expect(ids(store, 'breaching_soon')).toEqual(sqlOrder(file, `${OPEN} AND t.due_risk_at <= ${NOW.getTime() / 1000}`));
    expect(ids(store, 'mine')).toEqual(sqlOrder(file, `${OPEN} AND t.assignee_id = 'agent-0'`));

    // A sync page moves tickets between views and out of the queue; their dues are computed after it.
    const page = {
      tickets: [
        changedTicket('10', { severity: 'P4' }),
        changedTicket('11', { status: 'solved' }),
        changedTicket('12', { deleted: true }),
        changedTicket('99999', { assigneeId: 'agent-0' }),
      ],
      people: [],
      organizations: [],
      events: [],
      messages: [],
      quarantined: [],
      checkpoint: 'next',
      caughtUp: true,
    };
    store.applySyncPage('acme', page, NOW);
    expect(ids(store, 'p4')).toContain('10');
    refreshStaleDues(store, DEFAULT_SLA_POLICY, NOW);
    expect(ids(store, 'all_open')).toEqual(sqlOrder(file, OPEN));
    expect(ids(store, 'all_open')).not.toContain('11');
    expect(ids(store, 'p4')).toEqual(sqlOrder(file, `${OPEN} AND t.severity = 'P4'`));
    expect(ids(store, 'mine')).toContain('99999');

    // A page's worth of changes is merged into the order in one pass rather than placed one by one.
    const many = Array.from({ length: 300 }, (_, i) =>
      changedTicket(String(100 + i), { severity: i % 2 === 0 ? 'P1' : 'P3', status: i % 7 === 0 ? 'pending' : 'open', assigneeId: i % 3 === 0 ? null : 'agent-1' }),
    );
    store.applySyncPage('acme', { ...page, tickets: many }, NOW);
    refreshStaleDues(store, DEFAULT_SLA_POLICY, NOW);
    expect(ids(store, 'all_open')).toEqual(sqlOrder(file, OPEN));
    expect(ids(store, 'p3')).toEqual(sqlOrder(file, `${OPEN} AND t.severity = 'P3'`));
    expect(ids(store, 'unassigned')).toEqual(sqlOrder(file, `${OPEN} AND t.assignee_id IS NULL`));

    // Code writing the table directly on the same connection (an account removed) is followed too.
    db.exec("DELETE FROM tickets WHERE source_id IN ('30', '31')");
    expect(ids(store, 'all_open')).not.toContain('30');
    expect(store.listQueue('all_open', 0, 1, NOW).total).toBe(sqlOrder(file, OPEN).length);

    // Another process (the command line) writes to the same file: the order is read again.
    const other = new DatabaseSync(file);
    other.exec("UPDATE tickets SET status = 'closed' WHERE source_id = '20'");
    other.close();
    expect(ids(store, 'all_open')).not.toContain('20');
    expect(ids(store, 'all_open')).toEqual(sqlOrder(file, OPEN));
    db.close();
  });

  it('pages through a view with its total, and says where a ticket is', () => {
    const dir = tempDir();
    generateStore({ dataDir: dir, accountId: 'acme', tickets: 700, now: NOW });
    const db = openDatabase(join(dir, DATABASE_FILE_NAME));
    const store = new TicketStore(db);
    const all = ids(store, 'all_open');
    const pages = [0, 250, 500].flatMap((offset) => store.listQueue('all_open', offset, 250, NOW).tickets.map((t) => t.sourceId));
    expect(pages).toEqual(all);
    const target = all[417]!;
    const page = store.listQueue('all_open', 0, 10, NOW, { accountId: 'acme', sourceId: target });
    expect(page).toMatchObject({ total: all.length, located: 417 });
    expect(store.listQueue('p1', 0, 10, NOW, { accountId: 'acme', sourceId: 'no-such' }).located).toBeNull();
    const search = store.searchTickets('webhook', 0, 5, { accountId: 'acme', sourceId: target });
    expect(search.tickets.length).toBeLessThanOrEqual(5);
    expect(search.located === null || store.searchTickets('webhook', search.located, 1).tickets[0]?.sourceId === target).toBe(true);
    db.close();
  });
});
