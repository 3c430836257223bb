import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHelpScoutSimulator, type HelpScoutSimulator } from '../../main/simulators/helpscout/server.ts';
import { runCli } from '../support/cli-process.ts';
import { readConversations } from '../support/helpscout-conversations.ts';
import { seededRandom } from '../support/seeded-random.ts';
import { useTempDirs } from '../support/temp-dir.ts';
import { writeConfigFile } from '../support/config-file.ts';

const STATUS: Record<string, string> = { active: 'open', pending: 'pending', closed: 'closed' };

// `sync --once` against Help Scout killed with SIGKILL at several points of its multi-page sync while the helpdesk
// keeps changing, then run to the end: the store holds every conversation exactly once, at its newest version.
describe('a Help Scout sync killed mid-way', () => {
  const tempDir = useTempDirs();
  let simulator: HelpScoutSimulator;

  beforeAll(async () => {
    simulator = await startHelpScoutSimulator({ seed: 9, organizations: 80, conversations: 300, rateLimitPerMinute: 100_000 });
  });
  afterAll(async () => {
    await simulator.close();
  });

  it('ends with the helpdesk as it is, each conversation once, after kills and changes at random points', { timeout: 120_000 }, async () => {
    const dataDir = tempDir();
    const auth = { type: 'clientCredentials', clientId: simulator.clientId, clientSecret: simulator.clientSecret };
    const config = writeConfigFile(dataDir, { accounts: [{ id: 'hs', type: 'helpscout', baseUrl: simulator.url, auth }] });
    const next = seededRandom(20261121);
    const ids = [...(await readConversations(simulator.url, simulator)).keys()].map(Number);
    const change = (): void => {
      const id = ids[Math.floor(next() * ids.length)]!;
      const roll = next();
      try {
        if (roll < 0.3) simulator.addCustomerReply(id, 'Still broken here');
        else if (roll < 0.55) simulator.updateConversation(id, { status: (['active', 'pending', 'closed'] as const)[Math.floor(next() * 3)]! });
        else if (roll < 0.7) simulator.updateConversation(id, { tags: [`P${1 + Math.floor(next() * 4)}`, 'changed'] });
        else if (roll < 0.8) simulator.markSpam(id);
        else ids.push(simulator.addConversation({ subject: `Arrived between kills ${ids.length}` }).id);
      } catch {
        // Spam stays spam for a customer reply, and a full conversation takes no more threads: the next change then.
      }
    };

    // Slow answers leave time to kill between and within pages; each kill comes after a random number of list pages
    // and a random moment more. Progress is read from the simulator's request log: a reader of the database while
    // the command opens it could make that open fail.
    simulator.faults.delayMs = 15;
    for (let kill = 0; kill < 4; kill++) {
      const marker = simulator.requests.at(-1);
      const listPages = (): number => simulator.requests.slice(simulator.requests.lastIndexOf(marker!) + 1).filter((r) => r.path.startsWith('/v2/conversations?')).length;
      const pages = 1 + Math.floor(next() * 5);
      const killed = runCli(['sync', '--config', config, '--data-dir', dataDir, '--once']);
      const deadline = Date.now() + 20_000;
      while (listPages() < pages && Date.now() < deadline && killed.child.exitCode === null) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        // The helpdesk moves on while the sync runs.
        if (next() < 0.02) change();
      }
      await new Promise((resolve) => setTimeout(resolve, Math.floor(next() * 40)));
      killed.child.kill('SIGKILL');
      const result = await killed;
      expect(result.stderr).toBe('');
      for (let i = 0; i < 3; i++) change();
    }
    simulator.faults.delayMs = 0;
    const resumed = await runCli(['sync', '--config', config, '--data-dir', dataDir, '--once']);
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);

    const listed = JSON.parse((await runCli(['tickets', '--data-dir', dataDir, '--json'])).stdout) as { sourceId: string; status: string; subject: string; tags: string[] }[];
    const truth = await readConversations(simulator.url, simulator);
    expect(new Set(listed.map((t) => t.sourceId)).size).toBe(listed.length);
    expect(listed.map((t) => t.sourceId).sort()).toEqual([...truth.keys()].sort());
    for (const ticket of listed) {
      const source = truth.get(ticket.sourceId)!;
      expect([ticket.subject, ticket.status, ticket.tags]).toEqual([source.subject, STATUS[source.status], [...new Set(source.tags.map((t) => t.tag.toLowerCase()))].sort()]);
    }
  });
});
