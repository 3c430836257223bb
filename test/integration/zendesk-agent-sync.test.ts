import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startZendeskSimulator, type ZendeskSimulator } from '../../main/simulators/zendesk/server.ts';
import { runCli } from '../support/cli-process.ts';
import { useTempDirs } from '../support/temp-dir.ts';
import { readWholeExport } from '../support/zendesk-export.ts';
import { writeConfigFile } from '../support/config-file.ts';

// An agent's API token through the real command line: the incremental exports answer it 403, so `sync --once` reads
// the search export, each changed ticket's audits, the custom statuses and the deleted tickets list.
const WAITING_ON_ENGINEERING = 12_480_498_776_713;

interface ListedTicket {
  sourceId: string;
  subject: string;
  status: string;
  updatedAt: string;
  severity: string | null;
}

describe('an agent syncs Zendesk through the search export', () => {
  const tempDir = useTempDirs();
  let simulator: ZendeskSimulator;

  beforeEach(async () => {
    simulator = await startZendeskSimulator({ seed: 17, organizations: 40, tickets: 240, activityIntervalMs: false });
  });
  afterEach(async () => {
    await simulator.close();
  });

  function configFor(dataDir: string): string {
    const account = { id: 'zd-agent', type: 'zendesk', baseUrl: simulator.url, auth: { type: 'apiToken', ...simulator.agentCredentials } };
    return writeConfigFile(dataDir, { accounts: [account] });
  }

  async function sync(dataDir: string): Promise<void> {
    const result = await runCli(['sync', '--config', configFor(dataDir), '--data-dir', dataDir, '--once']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  }

  async function listed(dataDir: string): Promise<ListedTicket[]> {
    return JSON.parse((await runCli(['tickets', '--data-dir', dataDir, '--json'])).stdout) as ListedTicket[];
  }

  /** The helpdesk as an admin sees it, each ticket's status its custom status's category (closed stays closed). */
  async function truth(): Promise<Map<string, { subject: string; status: string; updated_at: string }>> {
    const authorization = `Basic ${Buffer.from(`${simulator.credentials.email}/token:${simulator.credentials.token}`).toString('base64')}`;
    const statuses = (await (await fetch(`${simulator.url}/api/v2/custom_statuses.json`, { headers: { authorization } })).json()) as {
      custom_statuses: { id: number; status_category: string }[];
    };
    const category = new Map(statuses.custom_statuses.map((s) => [s.id, s.status_category]));
    const all = await readWholeExport(simulator.url, simulator.credentials);
    const live = new Map<string, { subject: string; status: string; updated_at: string }>();
    for (const [id, ticket] of all) {
      if (ticket.status === 'deleted') continue;
      const custom = (ticket as unknown as { custom_status_id: number }).custom_status_id;
      live.set(id, { subject: ticket.subject, updated_at: ticket.updated_at, status: ticket.status === 'closed' ? 'closed' : category.get(custom)! });
    }
    return live;
  }

  async function expectTheHelpdeskAsItIs(dataDir: string): Promise<void> {
    const tickets = await listed(dataDir);
    const expected = await truth();
    expect(new Set(tickets.map((t) => t.sourceId)).size).toBe(tickets.length);
    expect(tickets.map((t) => t.sourceId).sort()).toEqual([...expected.keys()].sort());
    for (const ticket of tickets) {
      const source = expected.get(ticket.sourceId)!;
      expect([ticket.sourceId, ticket.subject, ticket.status, ticket.updatedAt]).toEqual([ticket.sourceId, source.subject, source.status, source.updated_at]);
    }
  }

  function messagesOf(dataDir: string, sourceId: string): number {
    const db = new DatabaseSync(join(dataDir, 'triage.sqlite'), { readOnly: true });
    try {
      return (db.prepare('SELECT COUNT(*) AS n FROM ticket_messages WHERE source_id = ?').get(sourceId) as { n: number }).n;
    } finally {
      db.close();
    }
  }

  it('lists every ticket, with custom statuses as their category, without touching the admin-only exports', async () => {
    const dataDir = tempDir();
    await sync(dataDir);
    const paths = simulator.requests.map((r) => r.path);
    await expectTheHelpdeskAsItIs(dataDir);
    expect(paths.filter((p) => p.startsWith('/api/v2/incremental/'))).toEqual([]);
    expect(paths.filter((p) => p.startsWith('/api/v2/search/export.json')).length).toBeGreaterThanOrEqual(3);
    expect(paths.filter((p) => p.startsWith('/api/v2/custom_statuses.json'))).toHaveLength(1);
    // The seed puts every second ticket on hold in the team's own "Waiting on engineering" status.
    const waiting = [...(await readWholeExport(simulator.url, simulator.credentials)).values()].filter(
      (t) => (t as unknown as { custom_status_id: number }).custom_status_id === WAITING_ON_ENGINEERING,
    );
    expect(waiting.length).toBeGreaterThan(0);
    const tickets = await listed(dataDir);
    for (const ticket of waiting) expect(tickets.find((t) => t.sourceId === String((ticket as unknown as { id: number }).id))?.status).toBe('hold');
  });

  it('brings changes, new tickets, replies and deletions on the next sync, and a quiet sync reads the search once', async () => {
    const dataDir = tempDir();
    await sync(dataDir);
    const open = (await listed(dataDir)).filter((t) => t.status === 'open' || t.status === 'new');
    const [changed, replied, deleted] = open.map((t) => Number(t.sourceId));
    simulator.updateTicket(changed!, { customStatusId: WAITING_ON_ENGINEERING, priority: 'urgent' });
    simulator.addCustomerReply(replied!, 'The 401s are back after the key rotation');
    simulator.deleteTicket(deleted!);
    const added = simulator.addTicket({ subject: 'Webhook signatures fail since Monday', priority: 'high' });
    const messagesBefore = messagesOf(dataDir, String(replied));

    await sync(dataDir);
    await expectTheHelpdeskAsItIs(dataDir);
    const tickets = await listed(dataDir);
    expect(tickets.find((t) => t.sourceId === String(changed))).toMatchObject({ status: 'hold', severity: 'P1' });
    expect(tickets.find((t) => t.sourceId === String(added.id))).toMatchObject({ subject: 'Webhook signatures fail since Monday', severity: 'P2' });
    expect(tickets.some((t) => t.sourceId === String(deleted))).toBe(false);
    expect(messagesOf(dataDir, String(replied))).toBe(messagesBefore + 1);

    const before = simulator.requests.length;
    await sync(dataDir);
    const quiet = simulator.requests.slice(before).map((r) => r.path);
    // The overlap serves the recent changes again; they are recognised and cost no audits.
    expect(quiet.filter((p) => p.startsWith('/api/v2/search/export.json'))).toHaveLength(1);
    expect(quiet.filter((p) => p.includes('/audits.json'))).toEqual([]);
  });

  it('finds a change the search index showed late, through the overlap', async () => {
    const dataDir = tempDir();
    await sync(dataDir);
    const ticket = (await listed(dataDir)).find((t) => t.status === 'open')!;
    simulator.faults.searchIndexLagMs = 1_500;
    simulator.updateTicket(Number(ticket.sourceId), { subject: 'Indexed late' });
    await sync(dataDir);
    expect((await listed(dataDir)).find((t) => t.sourceId === ticket.sourceId)?.subject).toBe(ticket.subject);
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    await sync(dataDir);
    expect((await listed(dataDir)).find((t) => t.sourceId === ticket.sourceId)?.subject).toBe('Indexed late');
  });

  // A 429 reports the minute's budget spent: the account's limiter then waits for the window to reset (up to 60 s).
  it('rides out 429s, 5xx answers and a truncated body on the search export', { timeout: 120_000 }, async () => {
    const dataDir = tempDir();
    Object.assign(simulator.faults, {
      onlyPath: '/api/v2/search/export',
      rateLimitNext: { count: 1, retryAfterSeconds: 1 },
      failNext: { count: 1, status: 503 },
      truncateNext: 1,
    });
    await sync(dataDir);
    await expectTheHelpdeskAsItIs(dataDir);
    expect(simulator.faults).toMatchObject({ rateLimitNext: null, failNext: null, truncateNext: 0 });
  });

  it('exits 1 when the search stays unavailable', async () => {
    const dataDir = tempDir();
    Object.assign(simulator.faults, { onlyPath: '/api/v2/search/export', failNext: { count: 100, status: 502 } });
    const result = await runCli(['sync', '--config', configFor(dataDir), '--data-dir', dataDir, '--once']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/unreachable after \d+ attempts: HTTP 502/);
  });
});
