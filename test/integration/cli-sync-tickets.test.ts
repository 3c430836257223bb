import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startZendeskSimulator, type ZendeskSimulator } from '../../main/simulators/zendesk/server.ts';
import { runCli } from '../support/cli-process.ts';
import { useTempDirs } from '../support/temp-dir.ts';
import { writeConfigFile } from '../support/config-file.ts';

// The command-line contract of `sync --once` and `tickets --json`, run as a user runs it.
describe('triage-desk sync and tickets', () => {
  const tempDir = useTempDirs();
  let simulator: ZendeskSimulator;

  beforeAll(async () => {
    simulator = await startZendeskSimulator({ seed: 3, organizations: 40, tickets: 120, activityIntervalMs: false });
  });
  afterAll(async () => {
    await simulator.close();
  });

  function writeConfig(dir: string, auth: Record<string, string>, baseUrl = simulator.url): string {
    return writeConfigFile(dir, { accounts: [{ id: 'acme-zd', type: 'zendesk', baseUrl, auth: { type: 'apiToken', ...auth } }] });
  }

  it('syncs with a token from the environment and lists the tickets sorted, with the contract fields', async () => {
    const dir = tempDir();
    const config = writeConfig(dir, { email: simulator.credentials.email, token: 'env:ZD_TEST_TOKEN' });
    const sync = await runCli(['sync', '--config', config, '--data-dir', dir, '--once'], { ZD_TEST_TOKEN: simulator.credentials.token });
    expect(sync.stderr).toBe('');
    expect(sync.code).toBe(0);
    expect(sync.stdout).toMatch(/^acme-zd: caught up at /);

    const listed = await runCli(['tickets', '--data-dir', dir, '--json']);
    expect(listed.code).toBe(0);
    const tickets = JSON.parse(listed.stdout) as Record<string, unknown>[];
    expect(tickets.length).toBeGreaterThan(100);
    const ids = tickets.map((t) => Number(t.sourceId));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    for (const ticket of tickets) {
      expect(ticket).toMatchObject({
        accountId: 'acme-zd',
        sourceId: expect.stringMatching(/^\d+$/),
        subject: expect.any(String),
        status: expect.stringMatching(/^(new|open|pending|hold|solved|closed)$/),
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        requester: { email: expect.stringContaining('@'), name: expect.any(String) },
        organization: { name: expect.any(String), plan: expect.stringMatching(/^(free|starter|growth|enterprise)$/) },
      });
      expect([null, 'P1', 'P2', 'P3', 'P4']).toContain(ticket.severity);
      const tags = ticket.tags as string[];
      expect(tags).toEqual([...tags].sort());
    }
  });

  it('does not list deleted tickets', async () => {
    const dir = tempDir();
    const config = writeConfig(dir, simulator.credentials);
    const victim = simulator.addTicket({ subject: 'Spam: cheap followers' });
    simulator.deleteTicket(victim.id);
    expect((await runCli(['sync', '--config', config, '--data-dir', dir, '--once'])).code).toBe(0);
    const tickets = JSON.parse((await runCli(['tickets', '--data-dir', dir, '--json'])).stdout) as { sourceId: string }[];
    expect(tickets.some((t) => t.sourceId === String(victim.id))).toBe(false);
  });

  it('exits 2 and names the account when Zendesk answers bad credentials with an anonymous user', async () => {
    const dir = tempDir();
    const result = await runCli(['sync', '--config', writeConfig(dir, { email: 'agent@demo.test', token: 'nope' }), '--data-dir', dir, '--once']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/acme-zd/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits 1 when the helpdesk stays unreachable after retries', async () => {
    const dir = tempDir();
    // A port nothing listens on: the simulator's, after closing a second one there.
    const closed = await startZendeskSimulator({ tickets: 1, organizations: 1 });
    const url = closed.url;
    await closed.close();
    const result = await runCli(['sync', '--config', writeConfig(dir, simulator.credentials, url), '--data-dir', dir, '--once']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/unreachable after \d+ attempts: ECONNREFUSED/);
  }, 60_000);

  it.each([
    [['--help'], 0, /Usage: triage-desk/],
    [['frobnicate'], 2, /unknown command "frobnicate"/],
    [['tickets', '--data-dir', '/tmp', '--jsn'], 2, /Unknown option '--jsn'/],
    [['sync', '--data-dir', '/tmp', '--once'], 2, /--config FILE is required/],
    [[], 2, /Usage: triage-desk/],
  ])('answers %j with exit %i and a usage line', async (args, code, message) => {
    const result = await runCli(args);
    expect(result.code).toBe(code);
    expect(code === 0 ? result.stdout : result.stderr).toMatch(message);
  });

  it.each([
    ['not JSON', '{"accounts": [', /accounts\.json: not valid JSON/],
    ['plain http to a remote host', JSON.stringify({ accounts: [{ id: 'a', type: 'zendesk', baseUrl: 'http://acme.zendesk.com', auth: { type: 'apiToken', email: 'e', token: 't' } }] }), /accounts\[0\]\.baseUrl: .*must be https/],
    ['a missing environment variable', JSON.stringify({ accounts: [{ id: 'a', type: 'zendesk', baseUrl: 'https://acme.zendesk.com', auth: { type: 'apiToken', email: 'e', token: 'env:TRIAGE_UNSET_VAR' } }] }), /accounts\[0\]\.auth\.token: environment variable TRIAGE_UNSET_VAR is not set/],
    ['a duplicate account id', JSON.stringify({ accounts: [1, 2].map(() => ({ id: 'a', type: 'zendesk', baseUrl: 'https://acme.zendesk.com', auth: { type: 'apiToken', email: 'e', token: 't' } })) }), /accounts\[1\]\.id: "a" is used twice/],
  ])('rejects a config file with %s in one line naming the file and field', async (_label, text, message) => {
    const dir = tempDir();
    const file = join(dir, 'accounts.json');
    writeFileSync(file, text);
    const result = await runCli(['sync', '--config', file, '--data-dir', dir, '--once']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});
