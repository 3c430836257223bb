// The queue's time- and person-dependent views and full-text search, over a store synced from the simulator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TriageCore } from '../../main/core/triage-core.ts';
import { startZendeskSimulator, type ZendeskSimulator } from '../../main/simulators/zendesk/server.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const NOW_MS = Date.parse('2024-03-06T12:00:00Z');
let clock = NOW_MS;

describe('views and search', () => {
  const tempDir = useTempDirs();
  let simulator: ZendeskSimulator;
  let core: TriageCore;

  beforeAll(async () => {
    simulator = await startZendeskSimulator({ seed: 5, organizations: 30, tickets: 120, activityIntervalMs: false, now: () => clock });
    core = new TriageCore({
      dataDir: tempDir(),
      accounts: [{ id: 'acme', type: 'zendesk', baseUrl: simulator.url, auth: { type: 'apiToken', ...simulator.credentials }, planField: 'plan' }],
      now: () => new Date(NOW_MS),
    });
    await core.syncOnce();
  });
  afterAll(async () => {
    await core.close();
    await simulator.close();
  });

  const basicAuth = (): string => `Basic ${Buffer.from(`${simulator.credentials.email}/token:${simulator.credentials.token}`).toString('base64')}`;
  const view = (name: 'breaching_soon' | 'mine' | 'all_open') => core.handle('listTickets', { view: name, limit: 5000 });
  const search = (query: string) => core.handle('searchTickets', { query, limit: 5000 });

  it('Breaching soon holds exactly the open tickets whose next due is breached or at risk now', () => {
    const all = view('all_open').tickets;
    const expected = all.filter((t) => t.due?.dueAt != null && t.due.dueAt - t.due.riskWindowSeconds <= NOW_MS / 1000);
    expect(expected.length).toBeGreaterThan(0);
    expect(view('breaching_soon').tickets.map((t) => t.sourceId).sort()).toEqual(expected.map((t) => t.sourceId).sort());
  });

  it("Mine holds the open tickets assigned to the account's own agent", async () => {
    const me = (await (await fetch(`${simulator.url}/api/v2/users/me.json`, { headers: { authorization: basicAuth() } })).json()) as { user: { id: number } };
    const open = view('all_open').tickets;
    const mine = view('mine');
    const target = open.find((t) => t.status === 'open')!;
    clock += 60_000;
    simulator.updateTicket(Number(target.sourceId), { assigneeId: me.user.id });
    await core.syncOnce();
    const after = view('mine').tickets.map((t) => t.sourceId);
    expect(after).toContain(target.sourceId);
    expect(after.length).toBe(mine.total + (mine.tickets.some((t) => t.sourceId === target.sourceId) ? 0 : 1));
  });

  it('finds tickets by a word of the subject, the requester, the organization, a tag, or only a reply', async () => {
    const ticket = view('all_open').tickets.find((t) => t.requester && t.organization && t.tags.length > 0)!;
    const word = ticket.subject.split(/\W+/).find((w) => w.length > 4)!;
    expect(search(word).tickets.map((t) => t.sourceId)).toContain(ticket.sourceId);
    expect(search(ticket.requester!.email).tickets.map((t) => t.sourceId)).toContain(ticket.sourceId);
    expect(search(ticket.organization!.name).tickets.map((t) => t.sourceId)).toContain(ticket.sourceId);
    expect(search(ticket.tags[0]!).tickets.map((t) => t.sourceId)).toContain(ticket.sourceId);

    clock += 60_000;
    simulator.addCustomerReply(Number(ticket.sourceId), 'Still failing with error code ZX-QUOKKA-7731 on every retry');
    await core.syncOnce();
    expect(search('quokka').tickets.map((t) => t.sourceId)).toEqual([ticket.sourceId]);
    // Every word must match, as a prefix, and punctuation is taken literally rather than as query syntax.
    expect(search('ZX-QUOKKA still').total).toBe(1);
    expect(search('quokka nosuchword').total).toBe(0);
    expect(search('"quokka" ( *').total).toBe(1);
    expect(search('   ').total).toBe(0);
  });
});
