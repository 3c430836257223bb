import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startZendeskSimulator, type ZendeskSimulator } from '../../main/simulators/zendesk/server.ts';
import { runCli } from '../support/cli-process.ts';
import { useTempDirs } from '../support/temp-dir.ts';
import { readWholeExport } from '../support/zendesk-export.ts';
import { writeConfigFile } from '../support/config-file.ts';

// `sync --once` killed with SIGKILL at several points of a multi-page sync, then run again: every ticket of the
// helpdesk ends up in the store exactly once, at its newest version.
describe('a sync killed mid-way', () => {
  const tempDir = useTempDirs();
  let simulator: ZendeskSimulator;

  beforeAll(async () => {
    // 3,000 tickets are three export pages of 1,000; slow answers leave time to kill between pages.
    simulator = await startZendeskSimulator({ seed: 5, organizations: 120, tickets: 3000, activityIntervalMs: false });
  });
  afterAll(async () => {
    await simulator.close();
  });

  function storedPages(dataDir: string): { tickets: number; checkpoint: string | null } {
    try {
      const db = new DatabaseSync(join(dataDir, 'triage.sqlite'), { readOnly: true });
      try {
        const tickets = (db.prepare('SELECT COUNT(*) AS n FROM tickets').get() as { n: number }).n;
        const row = db.prepare('SELECT checkpoint FROM sync_state').get() as { checkpoint: string | null } | undefined;
        return { tickets, checkpoint: row?.checkpoint ?? null };
      } finally {
        db.close();
      }
    } catch {
      return { tickets: 0, checkpoint: null };
    }
  }

  it.each([
    ['before the first page lands', 0],
    ['after the first page', 1000],
    ['after the second page', 2000],
  ])('loses and duplicates nothing when killed %s', async (_label, killAfterTickets) => {
    const dataDir = tempDir();
    const config = writeConfigFile(dataDir, { accounts: [{ id: 'zd', type: 'zendesk', baseUrl: simulator.url, auth: { type: 'apiToken', ...simulator.credentials } }] });
    simulator.faults.delayMs = 400;
    const killed = runCli(['sync', '--config', config, '--data-dir', dataDir, '--once']);
    const deadline = Date.now() + 20_000;
    while (storedPages(dataDir).tickets < killAfterTickets && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    killed.child.kill('SIGKILL');
    expect((await killed).signal).toBe('SIGKILL');
    const partial = storedPages(dataDir);
    expect(partial.tickets).toBeGreaterThanOrEqual(killAfterTickets);
    expect(partial.tickets).toBeLessThan(3000);

    // Meanwhile the helpdesk moves on: a ticket from the stored part changes.
    simulator.updateTicket(40001, { subject: 'Changed while the sync was down' });
    simulator.faults.delayMs = 0;
    const resumed = await runCli(['sync', '--config', config, '--data-dir', dataDir, '--once']);
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);

    const listed = await runCli(['tickets', '--data-dir', dataDir, '--json']);
    const tickets = JSON.parse(listed.stdout) as { sourceId: string; updatedAt: string; subject: string }[];
    const expected = await readWholeExport(simulator.url, simulator.credentials);
    const live = [...expected.values()].filter((ticket) => ticket.status !== 'deleted');
    expect(tickets.map((t) => t.sourceId).sort()).toEqual(live.map((t) => String((t as unknown as { id: number }).id)).sort());
    expect(new Set(tickets.map((t) => t.sourceId)).size).toBe(tickets.length);
    expect(tickets.find((t) => t.sourceId === '40001')?.subject).toBe('Changed while the sync was down');
  });
});
