import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TriageCore } from '../../main/core/triage-core.ts';
import { startHelpScoutSimulator, type HelpScoutSimulator } from '../../main/simulators/helpscout/server.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const FAST_RETRY = { attempts: 2, baseDelayMs: 1, maxDelayMs: 2, timeoutMs: 5_000 };

// The contract's write requests through the core, against the Help Scout simulator: a write shows on the ticket at
// once, survives a restart while the helpdesk is down, is sent once when it is back, and a draft is never lost.
describe('writes through the core', () => {
  const tempDir = useTempDirs();
  let simulator: HelpScoutSimulator;
  beforeEach(async () => {
    simulator = await startHelpScoutSimulator({ seed: 6, organizations: 5, conversations: 12, rateLimitPerMinute: 100_000 });
  });
  afterEach(async () => {
    await simulator.close();
  });

  const openCore = (dataDir: string) =>
    new TriageCore({
      dataDir,
      retry: FAST_RETRY,
      accounts: [{ id: 'hs', type: 'helpscout', baseUrl: simulator.url, auth: { type: 'clientCredentials', clientId: simulator.clientId, clientSecret: simulator.clientSecret } }],
    });

  it('shows a queued reply at once, keeps it through a restart while offline, and sends it once when back', async () => {
    const dataDir = tempDir();
    let core = openCore(dataDir);
    await core.syncOnce();
    const [first] = core.handle('listTickets', { view: 'all_open' }).tickets;
    const key = { accountId: first!.accountId, sourceId: first!.sourceId };

    core.handle('saveDraft', { ticket: key, kind: 'reply', body: 'Send the key in the X-Api-' });
    expect(core.handle('getTicket', key)!.drafts).toEqual({ reply: 'Send the key in the X-Api-', note: null });

    simulator.faults.failNext = { count: 1_000, status: 503 };
    const entry = core.handle('queueWrite', { ticket: key, write: { comment: { body: 'Send the key in the X-Api-Key header.', public: true } }, fromDraft: 'reply' });
    expect(entry).toMatchObject({ kind: 'reply', state: 'pending' });
    // The queue's row says a write is on its way.
    const row = (): unknown => core.handle('listTickets', { view: 'all_open' }).tickets.find((t) => t.sourceId === key.sourceId)?.unsent;
    expect(row()).toBe('waiting');
    let ticket = core.handle('getTicket', key)!;
    expect(ticket.drafts.reply).toBeNull();
    expect(ticket.writes.map((write) => [write.id, write.write.comment?.body])).toEqual([[entry.id, 'Send the key in the X-Api-Key header.']]);
    await core.syncOnce().catch(() => undefined);
    await core.close();

    core = openCore(dataDir);
    ticket = core.handle('getTicket', key)!;
    expect(ticket.writes.map((write) => write.state)).toEqual([expect.stringMatching(/^(pending|sending)$/)]);
    simulator.faults.failNext = null;
    await core.syncOnce();
    expect(simulator.writes.applied['POST /v2/conversations/{id}/reply']).toBe(1);
    await core.syncOnce();
    expect(simulator.writes.applied['POST /v2/conversations/{id}/reply']).toBe(1);
    ticket = core.handle('getTicket', key)!;
    expect(ticket.writes).toEqual([]);
    expect(ticket.unsent).toBeNull();
    expect(ticket.conversation.some((message) => message.kind === 'agent' && message.html.includes('Send the key in the X-Api-Key header.'))).toBe(true);
    await core.close();
  });

  it('keeps a refused write with its reason, retries it, and gives its text back to the draft when discarded', async () => {
    const core = openCore(tempDir());
    await core.syncOnce();
    const [first] = core.handle('listTickets', { view: 'all_open' }).tickets;
    const key = { accountId: first!.accountId, sourceId: first!.sourceId };
    simulator.deleteConversation(Number(key.sourceId));
    const entry = core.handle('queueWrite', { ticket: key, write: { comment: { body: 'Are you still seeing the 429s?', public: true } } });
    await core.syncOnce();
    // Help Scout lists no deleted conversations, so the ticket stays until the next full read; the refusal shows on it.
    const [refused] = core.handle('getTicket', key)!.writes;
    expect(refused).toMatchObject({ id: entry.id, state: 'failed', conflict: false });
    expect(refused!.error).toMatch(/no longer on Help Scout/);
    // The queue's row and the status line say so too, and the status line knows which ticket to open.
    const unsentOf = (): unknown => core.handle('listTickets', { view: 'all_open' }).tickets.find((t) => t.sourceId === key.sourceId)?.unsent;
    expect(unsentOf()).toBe('refused');
    expect(core.syncStatus().accounts[0]).toMatchObject({ refusedWrites: 1, oldestRefusedTicket: key });

    expect(() => core.handle('retryWrite', { id: 'nope' })).toThrow('retryWrite: no write nope in the outbox');
    expect(core.handle('retryWrite', { id: entry.id })).toMatchObject({ state: 'pending', error: null });
    expect(unsentOf()).toBe('waiting');
    expect(core.syncStatus().accounts[0]).toMatchObject({ refusedWrites: 0, oldestRefusedTicket: null });
    await core.syncOnce();
    expect(core.outbox.get(entry.id)!.state).toBe('failed');
    expect(core.handle('discardWrite', { id: entry.id })).toEqual({ discarded: entry.id });
    expect(core.outbox.draft(key, 'reply')).toBe('Are you still seeing the 429s?');
    expect(unsentOf()).toBeNull();
    expect(core.syncStatus().accounts[0]).toMatchObject({ refusedWrites: 0, oldestRefusedTicket: null });
    await core.close();
  });

  it('refuses a write to a ticket it does not have, naming it', async () => {
    const core = openCore(tempDir());
    expect(() => core.handle('queueWrite', { ticket: { accountId: 'hs', sourceId: '999999' }, write: { changes: { status: 'solved' } } })).toThrow(
      'queueWrite: no ticket hs:999999',
    );
    await core.close();
  });
});
