import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startZendeskSimulator, type ZendeskComment, type ZendeskSimulator } from '../../main/simulators/zendesk/server.ts';
import { runCli } from '../support/cli-process.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const UPDATE_ROUTE = 'PUT /api/v2/tickets/{id}.json';

// Replies and notes queued on Zendesk tickets with `triage-desk reply` (two on each ticket, both against the
// updated_at the last sync saw), then `sync --once` killed with SIGKILL at random instants while it sends them (some
// answers lost after Zendesk applied the update), then run to the end: each write is on the ticket exactly once,
// none refused as a conflict with the engineer's own earlier write, and the outbox says sent.
describe('queued Zendesk writes under SIGKILL', () => {
  const tempDir = useTempDirs();
  let simulator: ZendeskSimulator;

  beforeAll(async () => {
    simulator = await startZendeskSimulator({ seed: 9, organizations: 10, tickets: 40, activityIntervalMs: false });
  });
  afterAll(async () => {
    await simulator.close();
  });

  function random(seed: number): () => number {
    let state = seed;
    return () => {
      state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
      return state / 2 ** 32;
    };
  }

  const appliedWrites = (): number => simulator.writes.applied[UPDATE_ROUTE] ?? 0;

  async function comments(ticket: string): Promise<ZendeskComment[]> {
    const basic = Buffer.from(`${simulator.credentials.email}/token:${simulator.credentials.token}`).toString('base64');
    const response = await fetch(`${simulator.url}/api/v2/tickets/${ticket}/comments.json`, { headers: { authorization: `Basic ${basic}` } });
    return ((await response.json()) as { comments: ZendeskComment[] }).comments;
  }

  it('sends each queued reply and note exactly once, whatever instant the sync is killed at', { timeout: 120_000 }, async () => {
    const dataDir = tempDir();
    const config = join(dataDir, 'accounts.json');
    const account = { id: 'zd', type: 'zendesk', baseUrl: simulator.url, auth: { type: 'apiToken', ...simulator.credentials } };
    writeFileSync(config, JSON.stringify({ accounts: [account] }));
    expect((await runCli(['sync', '--config', config, '--data-dir', dataDir, '--once'])).code).toBe(0);
    const open = (JSON.parse((await runCli(['tickets', '--data-dir', dataDir, '--json'])).stdout) as { sourceId: string; status: string }[]).filter(
      (ticket) => ticket.status !== 'closed' && ticket.status !== 'solved',
    );
    expect(open.length).toBeGreaterThan(4);

    const bodies = new Map<string, string>();
    for (let i = 0; i < 10; i++) {
      const ticket = open[i % 5]!.sourceId;
      const body = `Write ${i}: checked the X-Api-Key header on ticket ${ticket}.`;
      const queued = await runCli(['reply', '--data-dir', dataDir, '--ticket', `zd:${ticket}`, '--body', body, ...(i % 3 === 0 ? ['--internal'] : [])]);
      expect(queued.code, queued.stderr).toBe(0);
      bodies.set(body, ticket);
    }

    const next = random(20261122);
    const before = appliedWrites();
    simulator.faults.delayMs = 25;
    for (let kill = 0; kill < 6 && appliedWrites() - before < bodies.size; kill++) {
      // Every other run loses the answer to one applied write: the next run must find it rather than send it again.
      simulator.faults.dropAfterWriteNext = kill % 2;
      const killed = runCli(['sync', '--config', config, '--data-dir', dataDir, '--once']);
      const target = appliedWrites() + 1 + Math.floor(next() * 3);
      const deadline = Date.now() + 20_000;
      while (appliedWrites() < target && Date.now() < deadline && killed.child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 2));
      await new Promise((resolve) => setTimeout(resolve, Math.floor(next() * 30)));
      killed.child.kill('SIGKILL');
      await killed;
    }
    simulator.faults.delayMs = 0;
    simulator.faults.dropAfterWriteNext = 0;
    const finished = await runCli(['sync', '--config', config, '--data-dir', dataDir, '--once']);
    expect(finished.stderr).toBe('');
    expect(finished.code).toBe(0);

    const outbox = JSON.parse((await runCli(['outbox', '--data-dir', dataDir, '--json'])).stdout) as { state: string; error: string | null }[];
    expect(outbox.map((entry) => ({ state: entry.state, error: entry.error }))).toEqual(Array(bodies.size).fill({ state: 'sent', error: null }));
    expect(appliedWrites() - before).toBe(bodies.size);

    // On Zendesk: each text among its ticket's comments exactly once, a note where it was queued as one.
    const me = ((await (await fetch(`${simulator.url}/__control/info`, { headers: { 'content-type': 'application/json' } })).json()) as { me_id: number }).me_id;
    const written = [...bodies.keys()];
    for (const [body, ticket] of bodies) {
      const found = (await comments(ticket)).filter((comment) => comment.body === body);
      expect(found.length, body).toBe(1);
      expect(found[0]).toMatchObject({ author_id: me, public: written.indexOf(body) % 3 !== 0 });
    }
  });
});
