// `triage-desk status` and `triage-desk quarantine` through the real command line, after real syncs against the Intercom
// simulator: one with a malformed conversation in a search page, one refused for its token.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IntercomSimulator, startIntercomSimulator } from '../../main/simulators/intercom/server.ts';
import { runCli } from '../support/cli-process.ts';
import { useTempDirs } from '../support/temp-dir.ts';
import { writeConfigFile } from '../support/config-file.ts';

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

describe('triage-desk status and quarantine', () => {
  const tempDir = useTempDirs();
  let sim: IntercomSimulator;

  beforeAll(async () => {
    sim = await startIntercomSimulator({ seed: 8, companies: 10, conversations: 25 });
  });
  afterAll(async () => {
    await sim.close();
  });

  function writeConfig(dir: string, token: string): string {
    return writeConfigFile(dir, { accounts: [{ id: 'acme-ic', type: 'intercom', baseUrl: sim.url, auth: { type: 'bearer', token } }] });
  }

  it('says per account how the last sync went, what it holds and which records it kept aside', async () => {
    const dir = tempDir();
    sim.faults.malformedSearchNext = { count: 1, defect: 'missing_id' };
    const sync = await runCli(['sync', '--config', writeConfig(dir, sim.token), '--data-dir', dir, '--once']);
    expect(sync.code).toBe(0);
    const tickets = JSON.parse((await runCli(['tickets', '--data-dir', dir, '--json'])).stdout) as unknown[];

    const status = await runCli(['status', '--data-dir', dir, '--json']);
    expect(status).toMatchObject({ code: 0, stderr: '' });
    const [account, ...others] = JSON.parse(status.stdout) as { quarantined: number }[];
    expect(others).toEqual([]);
    expect(account).toEqual({
      accountId: 'acme-ic',
      lastSuccessAt: expect.stringMatching(ISO),
      lastAttemptAt: expect.stringMatching(ISO),
      lastError: null,
      // `sync --once` does not poll.
      nextPollAt: null,
      tickets: tickets.length,
      quarantined: expect.any(Number),
    });
    expect(tickets.length).toBeGreaterThan(0);

    const listed = await runCli(['quarantine', '--data-dir', dir, '--json']);
    expect(listed).toMatchObject({ code: 0, stderr: '' });
    const records = JSON.parse(listed.stdout) as Record<string, string>[];
    expect(records).toHaveLength(account!.quarantined);
    expect(records).toContainEqual({
      accountId: 'acme-ic',
      kind: 'ticket',
      sourceId: expect.stringMatching(/^unknown-\d+$/),
      reason: expect.stringMatching(/^id: /),
      seenAt: expect.stringMatching(ISO),
    });
    const forAccount = await runCli(['quarantine', '--data-dir', dir, '--account', 'acme-ic', '--json']);
    expect(JSON.parse(forAccount.stdout)).toEqual(records);

    const text = await runCli(['status', '--data-dir', dir]);
    expect(text.stdout).toMatch(new RegExp(`^acme-ic  ${tickets.length} tickets  ${records.length} quarantined  last success \\S+Z  no poll scheduled\\n$`));
    const quarantineText = await runCli(['quarantine', '--data-dir', dir]);
    expect(quarantineText.stdout).toMatch(/^acme-ic:unknown-\d+ {2}ticket {2}\S+Z {2}id: .+$/m);
  });

  it("keeps the last success and shows the last error on one line after a sync the helpdesk refused", async () => {
    const dir = tempDir();
    await runCli(['sync', '--config', writeConfig(dir, sim.token), '--data-dir', dir, '--once']);
    const before = JSON.parse((await runCli(['status', '--data-dir', dir, '--json'])).stdout) as { lastSuccessAt: string }[];

    const refused = await runCli(['sync', '--config', writeConfig(dir, 'not-the-token'), '--data-dir', dir, '--once']);
    expect(refused.code).toBe(2);
    const after = JSON.parse((await runCli(['status', '--data-dir', dir, '--json'])).stdout) as { lastSuccessAt: string; lastAttemptAt: string; lastError: string }[];
    expect(after[0]).toMatchObject({ lastSuccessAt: before[0]!.lastSuccessAt, lastError: expect.stringContaining('acme-ic') });
    const text = await runCli(['status', '--data-dir', dir]);
    expect(text.stdout.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(/^acme-ic {2}\d+ tickets {2}\d+ quarantined {2}last success \S+ {2}last attempt \S+ {2}no poll scheduled {2}last error: .*acme-ic/),
    ]);
    expect(after[0]!.lastSuccessAt < after[0]!.lastAttemptAt).toBe(true);
  });

  it('shows when a polling sync polls next, and no poll once it stopped', async () => {
    const dir = tempDir();
    const sync = runCli(['sync', '--config', writeConfig(dir, sim.token), '--data-dir', dir, '--poll-seconds', '300']);
    type Status = { lastSuccessAt: string | null; nextPollAt: string | null };
    const status = async (): Promise<Status | undefined> => {
      const result = await runCli(['status', '--data-dir', dir, '--json']);
      return result.code === 0 ? (JSON.parse(result.stdout) as Status[])[0] : undefined;
    };
    let polling: Status | undefined;
    for (let attempt = 0; attempt < 100 && !polling?.nextPollAt; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      polling = await status();
    }
    expect(polling).toMatchObject({ lastSuccessAt: expect.stringMatching(ISO), nextPollAt: expect.stringMatching(ISO) });
    // Five minutes after the first run, give or take the run itself.
    expect(Date.parse(polling!.nextPollAt!) - Date.parse(polling!.lastSuccessAt!)).toBeGreaterThan(290_000);
    expect((await runCli(['status', '--data-dir', dir])).stdout).toContain(`  next poll ${polling!.nextPollAt}`);

    sync.child.kill('SIGTERM');
    expect(await sync).toMatchObject({ code: 0 });
    expect(await status()).toMatchObject({ nextPollAt: null });
    expect((await runCli(['status', '--data-dir', dir])).stdout).toContain('  no poll scheduled');
  });

  it('answers 2 with one line for a data folder without a store, or an account it does not hold', async () => {
    const missing = join(tempDir(), 'nowhere');
    for (const args of [['status', '--data-dir', missing], ['quarantine', '--data-dir', missing, '--json']]) {
      const result = await runCli(args);
      expect(result).toMatchObject({ code: 2, stdout: '' });
      expect(result.stderr).toMatch(new RegExp(`^triage-desk ${args[0]}: no store in .*nowhere.*\\n$`));
    }
    const dir = tempDir();
    await runCli(['sync', '--config', writeConfig(dir, sim.token), '--data-dir', dir, '--once']);
    const unknown = await runCli(['quarantine', '--data-dir', dir, '--account', 'globex']);
    expect(unknown).toMatchObject({ code: 2, stdout: '', stderr: `triage-desk quarantine: no account "globex" in ${dir} (it has "acme-ic")\n` });
  });
});
