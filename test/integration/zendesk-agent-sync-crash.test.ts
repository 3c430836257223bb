import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startZendeskSimulator, type ZendeskSimulator } from '../../main/simulators/zendesk/server.ts';
import { runCli } from '../support/cli-process.ts';
import { seededRandom } from '../support/seeded-random.ts';
import { useTempDirs } from '../support/temp-dir.ts';
import { readWholeExport } from '../support/zendesk-export.ts';
import { writeConfigFile } from '../support/config-file.ts';

const CUSTOM_STATUSES = [12_480_498_776_711, 12_480_498_776_712, 12_480_498_776_713];
const HOUR_MS = 3_600_000;

// An agent's `sync --once` (the search export path) killed with SIGKILL at random points while the helpdesk keeps
// changing, once left for longer than a search cursor lives, then run to the end: the store holds every ticket
// exactly once, at its newest version, and none of the deleted ones.
describe("an agent's Zendesk sync killed mid-way", () => {
  const tempDir = useTempDirs();
  let simulator: ZendeskSimulator;
  /** The simulator's clock runs ahead of the real one by this much: a jump makes the stored cursor expire. */
  let clockAhead = 0;

  beforeAll(async () => {
    // A budget that is not the test's bottleneck: the desktop's share of it would otherwise pace every run.
    simulator = await startZendeskSimulator({
      seed: 23,
      organizations: 60,
      tickets: 500,
      activityIntervalMs: false,
      rateLimitPerMinute: 100_000,
      now: () => Date.now() + clockAhead,
    });
  });
  afterAll(async () => {
    await simulator.close();
  });

  function storedCursor(dataDir: string): string | null {
    const db = new DatabaseSync(join(dataDir, 'triage.sqlite'), { readOnly: true });
    try {
      const row = db.prepare('SELECT checkpoint FROM sync_state').get() as { checkpoint: string | null } | undefined;
      return row?.checkpoint ? (JSON.parse(row.checkpoint) as { search: { after: string | null } }).search.after : null;
    } finally {
      db.close();
    }
  }

  it('ends with the helpdesk as it is, each ticket once, after kills, changes and an expired cursor', { timeout: 180_000 }, async () => {
    const dataDir = tempDir();
    const config = writeConfigFile(dataDir, { accounts: [{ id: 'zd-agent', type: 'zendesk', baseUrl: simulator.url, auth: { type: 'apiToken', ...simulator.agentCredentials } }] });
    const next = seededRandom(20261204);
    const ids = [...(await readWholeExport(simulator.url, simulator.credentials)).keys()].map(Number);
    const change = (): void => {
      const id = ids[Math.floor(next() * ids.length)]!;
      const roll = next();
      try {
        if (roll < 0.3) simulator.addCustomerReply(id, 'Still failing with 401 here');
        else if (roll < 0.5) simulator.updateTicket(id, { status: (['open', 'pending', 'solved'] as const)[Math.floor(next() * 3)]! });
        else if (roll < 0.65) simulator.updateTicket(id, { customStatusId: CUSTOM_STATUSES[Math.floor(next() * CUSTOM_STATUSES.length)]! });
        else if (roll < 0.75) simulator.updateTicket(id, { subject: `Changed between kills ${Math.floor(next() * 1e6)}`, priority: 'urgent' });
        else if (roll < 0.85) simulator.deleteTicket(id);
        else ids.push(simulator.addTicket({ subject: `Arrived between kills ${ids.length}` }).id);
      } catch {
        // A deleted ticket takes no change and a closed one no reply: the next change then.
      }
    };

    // Slow answers leave time to kill within and between pages; each kill comes after a random number of search
    // pages and a random moment more. Progress is read from the simulator's request log: reading the database while
    // the command opens it could make that open fail.
    simulator.faults.delayMs = 10;
    let expired = false;
    for (let kill = 0; kill < 5; kill++) {
      const marker = simulator.requests.length > 0 ? simulator.requests[simulator.requests.length - 1] : undefined;
      const searches = (): number =>
        simulator.requests.slice(marker ? simulator.requests.lastIndexOf(marker) + 1 : 0).filter((r) => r.path.startsWith('/api/v2/search/export.json')).length;
      const pages = kill === 2 ? 2 : 1 + Math.floor(next() * 4);
      const killed = runCli(['sync', '--config', config, '--data-dir', dataDir, '--once']);
      const deadline = Date.now() + 30_000;
      while (searches() < pages && Date.now() < deadline && killed.child.exitCode === null) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        // The helpdesk moves on while the sync runs.
        if (next() < 0.02) change();
      }
      await new Promise((resolve) => setTimeout(resolve, Math.floor(next() * 60)));
      killed.child.kill('SIGKILL');
      const result = await killed;
      expect(result.stderr).toBe('');
      for (let i = 0; i < 4; i++) change();
      // Once, the sync stays down for longer than a search cursor lives.
      if (kill === 2 && storedCursor(dataDir) !== null) {
        clockAhead += HOUR_MS + 60_000;
        expired = true;
      }
    }
    simulator.faults.delayMs = 0;
    const logged = simulator.requests.length;
    const resumed = await runCli(['sync', '--config', config, '--data-dir', dataDir, '--once']);
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    expect(expired).toBe(true);
    expect(simulator.requests.slice(logged).some((r) => r.path.startsWith('/api/v2/incremental/'))).toBe(false);

    const listed = JSON.parse((await runCli(['tickets', '--data-dir', dataDir, '--json'])).stdout) as { sourceId: string; subject: string; status: string; updatedAt: string }[];
    const truth = [...(await readWholeExport(simulator.url, simulator.credentials))].filter(([, t]) => t.status !== 'deleted');
    expect(new Set(listed.map((t) => t.sourceId)).size).toBe(listed.length);
    expect(listed.map((t) => t.sourceId).sort()).toEqual(truth.map(([id]) => id).sort());
    const byId = new Map(truth);
    for (const ticket of listed) {
      const source = byId.get(ticket.sourceId)!;
      expect([ticket.sourceId, ticket.subject, ticket.status, ticket.updatedAt]).toEqual([ticket.sourceId, source.subject, source.status, source.updated_at]);
    }
    // Each open ticket's conversation is complete: one message per comment of its audits.
    const db = new DatabaseSync(join(dataDir, 'triage.sqlite'), { readOnly: true });
    try {
      const count = db.prepare('SELECT COUNT(*) AS n FROM ticket_messages WHERE source_id = ?');
      for (const ticket of listed.filter((t) => t.status !== 'closed')) {
        const comments = simulator.audits(Number(ticket.sourceId)).flatMap((audit) => audit.events.filter((event) => event.type === 'Comment'));
        expect([ticket.sourceId, (count.get(ticket.sourceId) as { n: number }).n]).toEqual([ticket.sourceId, comments.length]);
      }
    } finally {
      db.close();
    }
  });
});
