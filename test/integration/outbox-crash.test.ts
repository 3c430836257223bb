import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHelpScoutSimulator } from '../../main/simulators/helpscout/server.ts';
import { startIntercomSimulator } from '../../main/simulators/intercom/server.ts';
import { startZendeskSimulator, type ZendeskComment } from '../../main/simulators/zendesk/server.ts';
import { runCli } from '../support/cli-process.ts';
import { helpScoutToken } from '../support/helpscout-conversations.ts';
import { seededRandom } from '../support/seeded-random.ts';
import { useTempDirs } from '../support/temp-dir.ts';
import { writeConfigFile } from '../support/config-file.ts';

/** What the crash loop needs of a helpdesk: its account, its count of applied writes, and what a ticket holds. */
interface Helpdesk {
  account: Record<string, unknown>;
  faults: { delayMs: number; dropAfterWriteNext: number };
  appliedWrites(): number;
  /** How many of the ticket's comments, notes or parts carry `text`, as the helpdesk serves them. */
  timesWritten(ticket: string, text: string): Promise<number>;
  close(): Promise<void>;
}

const HELPDESKS: { name: string; start(): Promise<Helpdesk> }[] = [
  {
    name: 'Zendesk',
    async start() {
      const sim = await startZendeskSimulator({ seed: 9, organizations: 10, tickets: 40, activityIntervalMs: false });
      const basic = Buffer.from(`${sim.credentials.email}/token:${sim.credentials.token}`).toString('base64');
      return {
        account: { type: 'zendesk', baseUrl: sim.url, auth: { type: 'apiToken', ...sim.credentials } },
        faults: sim.faults,
        appliedWrites: () => sim.writes.applied['PUT /api/v2/tickets/{id}.json'] ?? 0,
        async timesWritten(ticket, text) {
          const response = await fetch(`${sim.url}/api/v2/tickets/${ticket}/comments.json`, { headers: { authorization: `Basic ${basic}` } });
          return ((await response.json()) as { comments: ZendeskComment[] }).comments.filter((comment) => comment.body === text).length;
        },
        close: () => sim.close(),
      };
    },
  },
  {
    name: 'Intercom',
    async start() {
      const sim = await startIntercomSimulator({ seed: 11, companies: 8, conversations: 30 });
      return {
        account: { type: 'intercom', baseUrl: sim.url, auth: { type: 'bearer', token: sim.token } },
        faults: sim.faults,
        appliedWrites: () => sim.writes.applied['POST /conversations/{id}/reply'] ?? 0,
        async timesWritten(ticket, text) {
          const response = await fetch(`${sim.url}/conversations/${ticket}`, { headers: { authorization: `Bearer ${sim.token}`, 'intercom-version': '2.16' } });
          const parts = ((await response.json()) as { conversation_parts: { conversation_parts: { body: string | null }[] } }).conversation_parts.conversation_parts;
          return parts.filter((part) => part.body?.includes(text)).length;
        },
        close: () => sim.close(),
      };
    },
  },
  {
    name: 'Help Scout',
    async start() {
      const sim = await startHelpScoutSimulator({ seed: 4, organizations: 10, conversations: 30, rateLimitPerMinute: 100_000 });
      const routes = ['POST /v2/conversations/{id}/reply', 'POST /v2/conversations/{id}/notes'];
      return {
        account: { type: 'helpscout', baseUrl: sim.url, auth: { type: 'clientCredentials', clientId: sim.clientId, clientSecret: sim.clientSecret } },
        faults: sim.faults,
        appliedWrites: () => routes.reduce((sum, route) => sum + (sim.writes.applied[route] ?? 0), 0),
        async timesWritten(ticket, text) {
          const token = await helpScoutToken(sim.url, sim);
          const response = await fetch(`${sim.url}/v2/conversations/${ticket}/threads`, { headers: { authorization: `Bearer ${token}` } });
          const threads = ((await response.json()) as { _embedded?: { threads: { body?: string }[] } })._embedded?.threads ?? [];
          return threads.filter((thread) => thread.body?.includes(text)).length;
        },
        close: () => sim.close(),
      };
    },
  },
];

// Replies and notes queued with `triage-desk reply` (two on each ticket, against the same synced version), then
// `sync --once` killed with SIGKILL at random instants while it sends them, with some answers lost after the helpdesk
// applied the write, then run to the end: each write is on the helpdesk exactly once and the outbox says sent.
describe.each(HELPDESKS)('queued writes to $name under SIGKILL', ({ start }) => {
  const tempDir = useTempDirs();
  let helpdesk: Helpdesk;
  beforeAll(async () => {
    helpdesk = await start();
  });
  afterAll(async () => {
    await helpdesk.close();
  });

  it('sends each queued reply and note exactly once, whatever instant the sync is killed at', { timeout: 120_000 }, async () => {
    const dataDir = tempDir();
    const config = writeConfigFile(dataDir, { accounts: [{ id: 'desk', ...helpdesk.account }] });
    expect((await runCli(['sync', '--config', config, '--data-dir', dataDir, '--once'])).code).toBe(0);
    const open = (JSON.parse((await runCli(['tickets', '--data-dir', dataDir, '--json'])).stdout) as { sourceId: string; status: string }[]).filter(
      (ticket) => ticket.status !== 'closed' && ticket.status !== 'solved',
    );
    expect(open.length).toBeGreaterThan(4);

    const bodies = new Map<string, string>();
    for (let i = 0; i < 10; i++) {
      const ticket = open[i % 5]!.sourceId;
      const body = `Write ${i}: checked the X-Api-Key header on ticket ${ticket}.`;
      const queued = await runCli(['reply', '--data-dir', dataDir, '--ticket', `desk:${ticket}`, '--body', body, ...(i % 3 === 0 ? ['--internal'] : [])]);
      expect(queued.code, queued.stderr).toBe(0);
      bodies.set(body, ticket);
    }

    const next = seededRandom(20261121);
    const before = helpdesk.appliedWrites();
    helpdesk.faults.delayMs = 25;
    for (let kill = 0; kill < 6 && helpdesk.appliedWrites() - before < bodies.size; kill++) {
      // Every other run loses the answer to one applied write: the next run must find it rather than send it again.
      helpdesk.faults.dropAfterWriteNext = kill % 2;
      const killed = runCli(['sync', '--config', config, '--data-dir', dataDir, '--once']);
      const target = helpdesk.appliedWrites() + 1 + Math.floor(next() * 3);
      const deadline = Date.now() + 20_000;
      while (helpdesk.appliedWrites() < target && Date.now() < deadline && killed.child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 2));
      await new Promise((resolve) => setTimeout(resolve, Math.floor(next() * 30)));
      killed.child.kill('SIGKILL');
      await killed;
    }
    helpdesk.faults.delayMs = 0;
    helpdesk.faults.dropAfterWriteNext = 0;
    const finished = await runCli(['sync', '--config', config, '--data-dir', dataDir, '--once']);
    expect(finished.stderr).toBe('');
    expect(finished.code).toBe(0);

    const outbox = JSON.parse((await runCli(['outbox', '--data-dir', dataDir, '--json'])).stdout) as { state: string; error: string | null }[];
    expect(outbox.map((entry) => ({ state: entry.state, error: entry.error }))).toEqual(Array(bodies.size).fill({ state: 'sent', error: null }));
    expect(helpdesk.appliedWrites() - before).toBe(bodies.size);
    for (const [body, ticket] of bodies) expect(await helpdesk.timesWritten(ticket, body), body).toBe(1);
  });
});
