import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHelpScoutSimulator, type HelpScoutSimulator } from '../../main/simulators/helpscout/server.ts';
import { runCli } from '../support/cli-process.ts';
import { helpScoutToken } from '../support/helpscout-conversations.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const REPLY_ROUTE = 'POST /v2/conversations/{id}/reply';
const NOTE_ROUTE = 'POST /v2/conversations/{id}/notes';

// Replies and notes queued with `triage-desk reply`, then `sync --once` killed with SIGKILL at random instants while
// it sends them (some answers lost after the helpdesk applied the write), then run to the end: each write is on the
// helpdesk exactly once and the outbox says sent.
describe('queued writes under SIGKILL', () => {
  const tempDir = useTempDirs();
  let simulator: HelpScoutSimulator;

  beforeAll(async () => {
    simulator = await startHelpScoutSimulator({ seed: 4, organizations: 10, conversations: 30, rateLimitPerMinute: 100_000 });
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

  const appliedWrites = (): number => (simulator.writes.applied[REPLY_ROUTE] ?? 0) + (simulator.writes.applied[NOTE_ROUTE] ?? 0);

  it('sends each queued reply and note exactly once, whatever instant the sync is killed at', { timeout: 120_000 }, async () => {
    const dataDir = tempDir();
    const config = join(dataDir, 'accounts.json');
    const auth = { type: 'clientCredentials', clientId: simulator.clientId, clientSecret: simulator.clientSecret };
    writeFileSync(config, JSON.stringify({ accounts: [{ id: 'hs', type: 'helpscout', baseUrl: simulator.url, auth }] }));
    expect((await runCli(['sync', '--config', config, '--data-dir', dataDir, '--once'])).code).toBe(0);
    const open = (JSON.parse((await runCli(['tickets', '--data-dir', dataDir, '--json'])).stdout) as { sourceId: string; status: string }[]).filter(
      (ticket) => ticket.status !== 'closed',
    );
    expect(open.length).toBeGreaterThan(4);

    const bodies = new Map<string, string>();
    for (let i = 0; i < 10; i++) {
      const ticket = open[i % 5]!.sourceId;
      const body = `Write ${i}: checked the X-Api-Key header on conversation ${ticket}.`;
      const queued = await runCli(['reply', '--data-dir', dataDir, '--ticket', `hs:${ticket}`, '--body', body, ...(i % 3 === 0 ? ['--internal'] : [])]);
      expect(queued.code, queued.stderr).toBe(0);
      bodies.set(body, ticket);
    }

    const next = random(20261121);
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
    expect(outbox.map((entry) => entry.state)).toEqual(Array(bodies.size).fill('sent'));
    expect(appliedWrites() - before).toBe(bodies.size);

    // On the helpdesk: each text in its conversation's threads exactly once.
    const token = await helpScoutToken(simulator.url, simulator);
    for (const [body, ticket] of bodies) {
      const response = await fetch(`${simulator.url}/v2/conversations/${ticket}/threads`, { headers: { authorization: `Bearer ${token}` } });
      const threads = ((await response.json()) as { _embedded?: { threads: { body?: string }[] } })._embedded?.threads ?? [];
      expect(threads.filter((thread) => thread.body?.includes(body)).length, body).toBe(1);
    }
  });
});
