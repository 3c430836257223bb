import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startZendeskSimulator, type ZendeskSimulator } from '../../main/simulators/zendesk/server.ts';
import { runCli } from '../support/cli-process.ts';
import { useTempDirs } from '../support/temp-dir.ts';
import { writeConfigFile } from '../support/config-file.ts';

// The command-line contract of `reply` and `outbox`: queueing a write in a synced store, as a user runs it.
describe('triage-desk reply and outbox', () => {
  const tempDir = useTempDirs();
  let simulator: ZendeskSimulator;

  beforeAll(async () => {
    simulator = await startZendeskSimulator({ seed: 5, organizations: 10, tickets: 20, activityIntervalMs: false });
  });
  afterAll(async () => {
    await simulator.close();
  });

  async function syncedDir(): Promise<string> {
    const dir = tempDir();
    const config = writeConfigFile(dir, { accounts: [{ id: 'acme', type: 'zendesk', baseUrl: simulator.url, auth: { type: 'apiToken', ...simulator.credentials } }] });
    expect((await runCli(['sync', '--config', config, '--data-dir', dir, '--once'])).code).toBe(0);
    return dir;
  }

  it('queues a reply and a note, prints their ids, and lists them as pending', async () => {
    const dir = await syncedDir();
    const [first] = JSON.parse((await runCli(['tickets', '--data-dir', dir, '--json'])).stdout) as { sourceId: string }[];
    const ticket = `acme:${first!.sourceId}`;

    const reply = await runCli(['reply', '--data-dir', dir, '--ticket', ticket, '--body', 'Send the key in X-Api-Key.']);
    expect(reply.stderr).toBe('');
    expect(reply.code).toBe(0);
    const replyId = reply.stdout.trim();
    expect(replyId).toMatch(/^[0-9a-f-]{36}$/);

    const note = await runCli(['reply', '--data-dir', dir, '--ticket', ticket, '--body-file', '-', '--internal'], {}, 'Customer rotated the key yesterday.\n');
    expect(note.code).toBe(0);

    const outbox = await runCli(['outbox', '--data-dir', dir, '--json']);
    expect(outbox.code).toBe(0);
    expect(JSON.parse(outbox.stdout)).toEqual([
      { id: replyId, ticket, kind: 'reply', state: 'pending', error: null },
      { id: note.stdout.trim(), ticket, kind: 'note', state: 'pending', error: null },
    ]);
  });

  it('answers exit 2 with one line for an unknown ticket, an empty body, or two bodies; nothing is queued', async () => {
    const dir = await syncedDir();
    const unknown = await runCli(['reply', '--data-dir', dir, '--ticket', 'acme:999999', '--body', 'Hello']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^triage-desk reply: no ticket acme:999999 in .*triage\.sqlite\n$/);

    const empty = await runCli(['reply', '--data-dir', dir, '--ticket', 'acme:1', '--body', '  ']);
    expect(empty.code).toBe(2);
    expect(empty.stderr.split('\n')[0]).toBe('triage-desk: reply: body: the message is empty');

    const both = await runCli(['reply', '--data-dir', dir, '--ticket', 'acme:1', '--body', 'a', '--body-file', '/nonexistent']);
    expect(both.code).toBe(2);
    expect(both.stderr.split('\n')[0]).toBe('triage-desk: reply: give the message as --body TEXT or --body-file FILE (one of them)');

    const badTicket = await runCli(['reply', '--data-dir', dir, '--ticket', '42', '--body', 'a']);
    expect(badTicket.code).toBe(2);
    expect(badTicket.stderr.split('\n')[0]).toBe('triage-desk: reply: --ticket must be ACCOUNT:ID (got "42")');

    expect(JSON.parse((await runCli(['outbox', '--data-dir', dir, '--json'])).stdout)).toEqual([]);
  });
});
