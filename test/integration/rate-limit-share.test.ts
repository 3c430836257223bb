// This desktop's share of an account's rate limit, through the real command line against the Intercom simulator with a
// small limit (20 requests per 1-second window): the helpdesk counts at most the share's requests in any window.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRST_SYNC_SHARE } from '../../main/core/sync/account-sync.ts';
import { type IntercomSimulator, startIntercomSimulator, type WindowCount } from '../../main/simulators/intercom/server.ts';
import { runCli } from '../support/cli-process.ts';
import { useTempDirs } from '../support/temp-dir.ts';
import { writeConfigFile } from '../support/config-file.ts';

const LIMIT = { perWindow: 20, windowMs: 1000 };
const SHARE = 0.25;

describe("a desktop's share of the account's rate limit", () => {
  const tempDir = useTempDirs();
  let sim: IntercomSimulator;

  beforeAll(async () => {
    sim = await startIntercomSimulator({ seed: 4, companies: 6, conversations: 12, rateLimit: LIMIT });
  });
  afterAll(async () => {
    await sim.close();
  });

  /** The windows that saw requests since `since` (a window start), busiest first. */
  const windowsSince = (since: number): WindowCount[] =>
    sim.requestsPerWindow().filter((window) => window.windowStart > since).sort((a, b) => b.requests - a.requests);

  it('keeps a first sync within the first-sync share and a poll within the configured share, window by window', async () => {
    const dir = tempDir();
    const config = writeConfigFile(dir, { rateLimitShare: SHARE, accounts: [{ id: 'acme-ic', type: 'intercom', baseUrl: sim.url, auth: { type: 'bearer', token: sim.token } }] });

    const first = await runCli(['sync', '--config', config, '--data-dir', dir, '--once']);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    const firstWindows = windowsSince(-1);
    const firstRequests = firstWindows.reduce((sum, window) => sum + window.requests, 0);
    // More requests than one window's share allows, so the share had to hold some of them.
    expect(firstRequests).toBeGreaterThan(LIMIT.perWindow * FIRST_SYNC_SHARE);
    expect(firstWindows[0]!.requests).toBeLessThanOrEqual(LIMIT.perWindow * FIRST_SYNC_SHARE);

    // A later run starts in a window of its own: what the first one spent there is not this one's to know.
    const lastFirstWindow = Math.max(...firstWindows.map((window) => window.windowStart));
    await new Promise((resolve) => setTimeout(resolve, lastFirstWindow + LIMIT.windowMs - Date.now()));
    for (let i = 0; i < 8; i++) sim.addConversation();
    const poll = await runCli(['sync', '--config', config, '--data-dir', dir, '--once']);
    expect(poll).toMatchObject({ code: 0, stderr: '' });
    const pollWindows = windowsSince(lastFirstWindow);
    expect(pollWindows.reduce((sum, window) => sum + window.requests, 0)).toBeGreaterThan(LIMIT.perWindow * SHARE);
    expect(pollWindows[0]!.requests).toBeLessThanOrEqual(LIMIT.perWindow * SHARE);

    const listed = JSON.parse((await runCli(['tickets', '--data-dir', dir, '--json'])).stdout) as unknown[];
    expect(listed).toHaveLength(20);
  });
});
