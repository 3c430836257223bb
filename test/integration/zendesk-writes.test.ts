import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxWrite } from '../../shared/domain/outbox-entry.ts';
import type { ZendeskAccount } from '../../shared/settings/account-config.ts';
import { ZendeskConnector } from '../../main/core/connectors/zendesk/zendesk-connector.ts';
import { sendPendingWrites } from '../../main/core/outbox/outbox-sender.ts';
import { OutboxStore } from '../../main/core/outbox/outbox-store.ts';
import { DATABASE_FILE_NAME, openDatabase } from '../../main/core/store/database.ts';
import { type HttpDeps, REAL_HTTP, type RetryPolicy } from '../../main/core/sync/helpdesk-http.ts';
import type { SyncedMessage, SyncedTicketEvent } from '../../main/core/sync/sync-page.ts';
import { startZendeskSimulator, type ZendeskComment, type ZendeskSimulator, type ZendeskTicket } from '../../main/simulators/zendesk/server.ts';
import { useTempDirs } from '../support/temp-dir.ts';

// Outbox entries sent by the Zendesk writer to the simulator over real loopback HTTP, from a real outbox in a SQLite
// file, driven by the outbox sender; the simulator's write counts tell what arrived and what was applied. The
// simulator's clock is the test's: it moves on only when the test says, so "the ticket changed since" is exact.
const FAST_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 5_000 };
const ACCOUNT_ID = 'acme-zd';
const UPDATE = 'PUT /api/v2/tickets/{id}.json';
const CONFLICT = 'the ticket changed on Zendesk since you wrote this: read it and apply again';

describe('Zendesk writes against the simulator', () => {
  const tempDir = useTempDirs();
  let simulator: ZendeskSimulator;
  let outbox: OutboxStore;
  let clock = 0;

  async function start(port?: number): Promise<void> {
    simulator = await startZendeskSimulator({ seed: 21, organizations: 12, tickets: 30, activityIntervalMs: false, now: () => clock, ...(port ? { port } : {}) });
  }
  beforeEach(async () => {
    clock = Date.now();
    await start();
    outbox = new OutboxStore(openDatabase(join(tempDir(), DATABASE_FILE_NAME)));
  });
  afterEach(async () => {
    await simulator.close();
  });

  /** Time passes on Zendesk: what happens next happens in a later second. */
  const later = (): void => {
    clock += 2_000;
  };
  function account(auth: ZendeskAccount['auth'] = { type: 'apiToken', ...simulator.credentials }): ZendeskAccount {
    return { id: ACCOUNT_ID, type: 'zendesk', baseUrl: simulator.url, auth, planField: 'plan' };
  }
  function connector(http: HttpDeps = REAL_HTTP, auth?: ZendeskAccount['auth']): ZendeskConnector {
    return new ZendeskConnector(account(auth), FAST_RETRY, http);
  }
  /** The network as it is, with `hook` run before each ticket update leaves (to set a fault for that request). */
  function beforeEachWrite(hook: (url: string) => void): HttpDeps {
    return {
      ...REAL_HTTP,
      fetch: (input, init) => {
        if (init?.method === 'PUT') hook(input instanceof Request ? input.url : String(input));
        return fetch(input, init);
      },
    };
  }
  async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
    const basic = Buffer.from(`${simulator.credentials.email}/token:${simulator.credentials.token}`).toString('base64');
    const response = await fetch(`${simulator.url}/api/v2${path}`, { ...init, headers: { authorization: `Basic ${basic}`, 'content-type': 'application/json' } });
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    return (await response.json()) as T;
  }
  const ticket = async (id: number) => (await api<{ ticket: ZendeskTicket }>(`/tickets/${id}.json`)).ticket;
  const comments = async (id: number) => (await api<{ comments: ZendeskComment[] }>(`/tickets/${id}/comments.json`)).comments;
  const commentsWith = async (id: number, text: string) => (await comments(id)).filter((c) => c.body.includes(text));
  const meId = async () => (await api<{ user: { id: number } }>('/users/me.json')).user.id;

  /** A ticket filed a moment ago; `base` is its updated_at as the engineer's last sync saw it. */
  function newTicket(tags = ['billing', 'sdk']): { id: number; base: string } {
    const filed = simulator.addTicket({ status: 'open', priority: 'normal', tags });
    later();
    return { id: filed.id, base: filed.updated_at };
  }
  function queue(target: { id: number; base: string | null }, write: Partial<OutboxWrite>) {
    return outbox.queue({ accountId: ACCOUNT_ID, sourceId: String(target.id) }, { comment: null, changes: null, ...write }, { now: new Date(), baseUpdatedAt: target.base });
  }
  function send(writerOf: ZendeskConnector = connector()) {
    return sendPendingWrites(outbox, ACCOUNT_ID, writerOf.writer(), { now: () => new Date(), retry: FAST_RETRY });
  }
  /** What a whole sync of the account reads about one ticket's history. */
  async function synced(id: number): Promise<{ messages: SyncedMessage[]; events: SyncedTicketEvent[] }> {
    const messages: SyncedMessage[] = [];
    const events: SyncedTicketEvent[] = [];
    for await (const page of connector().pages(null)) {
      messages.push(...page.messages.filter((m) => m.ticketSourceId === String(id)));
      events.push(...page.events.filter((e) => e.ticketSourceId === String(id)));
    }
    return { messages, events };
  }

  it('sends a reply with its status, severity, assignment and tags in one update, and the next sync reads it as an agent reply', async () => {
    const target = newTicket(['billing', 'sdk']);
    const entry = queue(target, {
      comment: { body: 'Thanks, we rotated the key.\n\nIt works again now.', public: true },
      changes: { status: 'pending', severity: 'P1', assignee: 'me', addTags: ['api_keys'], removeTags: ['billing'] },
    });

    expect(await send()).toMatchObject({ sent: 1, failed: 0, waiting: 0 });
    expect(simulator.writes).toEqual({ received: { [UPDATE]: 1 }, applied: { [UPDATE]: 1 } });
    expect(outbox.get(entry.id)).toMatchObject({ state: 'sent', error: null, stepsDone: ['ticket update'] });

    const me = await meId();
    expect(await ticket(target.id)).toMatchObject({ status: 'pending', priority: 'urgent', assignee_id: me });
    expect((await ticket(target.id)).tags).toContain('api_keys');
    expect((await ticket(target.id)).tags).not.toContain('billing');
    expect(await commentsWith(target.id, 'we rotated the key')).toMatchObject([{ author_id: me, public: true }]);

    const { messages, events } = await synced(target.id);
    expect(messages.filter((m) => m.html.includes('we rotated the key'))).toMatchObject([{ kind: 'agent', authorId: String(me) }]);
    const kinds = events.map((e) => e.event.type);
    expect(kinds).toEqual(expect.arrayContaining(['agent_reply', 'status_change', 'severity_change', 'tags_change']));
    expect(events.find((e) => e.event.type === 'severity_change')?.event).toMatchObject({ severity: 'P1', setBy: 'responder' });

    // Sent is sent: a second run writes nothing.
    expect(await send()).toMatchObject({ sent: 0 });
    expect(simulator.writes.received).toEqual({ [UPDATE]: 1 });
  });

  it('sends an internal note and each field change on its own, as the signed-in agent', async () => {
    const [noted, solved, assigned, severe] = [newTicket(), newTicket(), newTicket(), newTicket(['docs', 'p4'])];
    queue(noted, { comment: { body: 'Customer is on the legacy SDK.', public: false } });
    queue(solved, { changes: { status: 'solved' } });
    queue({ ...assigned, base: null }, { changes: { assignee: 'me' } });
    queue({ ...assigned, base: null }, { changes: { assignee: 'nobody' } });
    queue(severe, { changes: { severity: 'P4', addTags: ['sdk'], removeTags: ['p4'] } });
    // An agent's token (not an admin's) writes as that agent.
    const agent = connector(REAL_HTTP, { type: 'apiToken', ...simulator.agentCredentials });
    const agentId = Number((await agent.verify())?.userId);

    expect(await send(agent)).toMatchObject({ sent: 5, failed: 0 });
    expect(simulator.writes.applied).toEqual({ [UPDATE]: 5 });
    expect(await commentsWith(noted.id, 'legacy SDK')).toMatchObject([{ author_id: agentId, public: false }]);
    expect(await ticket(noted.id)).toMatchObject({ status: 'open' });
    expect(await ticket(solved.id)).toMatchObject({ status: 'solved' });
    expect(await ticket(assigned.id)).toMatchObject({ assignee_id: null });
    expect(await ticket(severe.id)).toMatchObject({ priority: 'low', tags: ['docs', 'sdk'] });
    const { messages, events } = await synced(noted.id);
    expect(messages.filter((m) => m.html.includes('legacy SDK'))).toMatchObject([{ kind: 'note', authorId: String(agentId) }]);
    expect(events.map((e) => e.event.type)).toContain('internal_note');
  });

  it('keeps a write made while Zendesk is unreachable and sends it once when it is back', async () => {
    const target = newTicket();
    const port = Number(new URL(simulator.url).port);
    await simulator.close();
    const writer = connector();
    const entry = queue(target, { comment: { body: 'Back online, sending this once.', public: true } });

    expect(await send(writer)).toMatchObject({ sent: 0, waiting: 1 });
    expect(outbox.get(entry.id)).toMatchObject({ state: 'pending', error: expect.stringContaining('unreachable') });

    // The same seed and clock on the same port: the same ticket filed again, with the same id and updated_at.
    clock -= 2_000;
    await start(port);
    expect(newTicket()).toEqual(target);
    expect(await send(writer)).toMatchObject({ sent: 1 });
    expect(simulator.writes).toEqual({ received: { [UPDATE]: 1 }, applied: { [UPDATE]: 1 } });
    expect(await commentsWith(target.id, 'Back online')).toHaveLength(1);
  });

  it('looks on Zendesk after a 5xx on the write and sends it again only because it is not there', async () => {
    const target = newTicket();
    let failures = 2;
    const writer = connector(
      beforeEachWrite(() => {
        if (failures-- > 0) simulator.faults.failNext = { count: 1, status: 503 };
      }),
    );
    queue(target, { comment: { body: 'Sent after two 503s.', public: true }, changes: { status: 'pending' } });

    expect(await send(writer)).toMatchObject({ sent: 1 });
    expect(simulator.writes).toEqual({ received: { [UPDATE]: 3 }, applied: { [UPDATE]: 1 } });
    expect(await commentsWith(target.id, 'after two 503s')).toHaveLength(1);
  });

  it('applied, then the connection dropped: found on the ticket, not sent again', async () => {
    const [replied, fields] = [newTicket(), newTicket(['docs'])];
    simulator.faults.dropAfterWriteNext = 2;
    const reply = queue(replied, { comment: { body: 'Closing this one, thanks!', public: true }, changes: { status: 'solved' } });
    const change = queue(fields, { changes: { severity: 'P2', addTags: ['sdk'] } });

    expect(await send()).toMatchObject({ sent: 2 });
    expect(simulator.writes).toEqual({ received: { [UPDATE]: 2 }, applied: { [UPDATE]: 2 } });
    expect(outbox.get(reply.id)).toMatchObject({ state: 'sent', attempts: 1 });
    expect(outbox.get(change.id)).toMatchObject({ state: 'sent' });
    expect(await commentsWith(replied.id, 'Closing this one')).toHaveLength(1);
    expect(await ticket(fields.id)).toMatchObject({ priority: 'high', tags: ['docs', 'sdk'] });
  });

  it('an entry a crash left "sending" is sent only if it did not reach Zendesk', async () => {
    const [reached, lost] = [newTicket(), newTicket()];
    const arrived = queue(reached, { comment: { body: 'This one reached Zendesk before the crash.', public: true } });
    const missing = queue(lost, { comment: { body: 'This one never left.', public: true } });
    outbox.markSending(arrived.id);
    outbox.markSending(missing.id);
    // What the crashed run had sent: the same text, by the same agent.
    await api(`/tickets/${reached.id}.json`, { method: 'PUT', body: JSON.stringify({ ticket: { comment: { body: 'This one reached Zendesk before the crash.', public: true } } }) });

    expect(await send()).toMatchObject({ sent: 2 });
    expect(simulator.writes.applied).toEqual({ [UPDATE]: 2 });
    expect(await commentsWith(reached.id, 'reached Zendesk')).toHaveLength(1);
    expect(await commentsWith(lost.id, 'never left')).toHaveLength(1);
  });

  it('a customer reply between the engineer\'s read and the write is a conflict: nothing written, the entry kept', async () => {
    const target = newTicket();
    const entry = queue(target, { comment: { body: 'Did the new key work?', public: true }, changes: { status: 'pending' } });
    simulator.addCustomerReply(target.id, 'Never mind, it works now!');
    later();

    expect(await send()).toMatchObject({ sent: 0, failed: 1 });
    expect(outbox.get(entry.id)).toMatchObject({ state: 'failed', conflict: true, error: CONFLICT });
    expect(simulator.writes).toEqual({ received: { [UPDATE]: 1 }, applied: {} });
    expect(await commentsWith(target.id, 'Did the new key work?')).toHaveLength(0);
    expect(await ticket(target.id)).toMatchObject({ status: 'open' });
  });

  it('the engineer\'s own writes one after the other on a ticket are not a conflict', async () => {
    const target = newTicket();
    queue(target, { changes: { severity: 'P4' } });
    queue(target, { comment: { body: 'Downgraded: a workaround exists.', public: false } });
    queue(target, { comment: { body: 'Here is the workaround.', public: true }, changes: { status: 'pending' } });

    expect(await send()).toMatchObject({ sent: 3, failed: 0 });
    // The second and third were refused once for the stamp the first moved, then sent against the new one.
    expect(simulator.writes).toEqual({ received: { [UPDATE]: 5 }, applied: { [UPDATE]: 3 } });
    expect(await ticket(target.id)).toMatchObject({ priority: 'low', status: 'pending' });
    const me = await meId();
    expect((await comments(target.id)).filter((c) => c.author_id === me)).toHaveLength(2);
  });

  it('keeps refused writes with Zendesk\'s reason: a closed ticket, no permission, a deleted ticket', async () => {
    const [closed, forbidden, gone] = [newTicket(), newTicket(), newTicket()];
    simulator.updateTicket(closed.id, { status: 'closed' });
    simulator.deleteTicket(gone.id);
    later();
    const writer = connector(
      beforeEachWrite((url) => {
        if (url.endsWith(`/tickets/${forbidden.id}.json`)) simulator.faults.failNext = { count: 1, status: 403 };
      }),
    );
    const late = queue({ ...closed, base: (await ticket(closed.id)).updated_at }, { comment: { body: 'One more thing...', public: true } });
    const refused = queue(forbidden, { changes: { assignee: 'me' } });
    const deleted = queue(gone, { changes: { status: 'solved' } });

    expect(await send(writer)).toMatchObject({ sent: 0, failed: 3 });
    expect(outbox.get(late.id)).toMatchObject({
      state: 'failed',
      conflict: false,
      error: `Zendesk refused the update of ticket ${closed.id} (HTTP 422): Status: closed prevents ticket update`,
    });
    expect(outbox.get(refused.id)).toMatchObject({ state: 'failed', conflict: false, error: `Zendesk refused the update of ticket ${forbidden.id} (HTTP 403): Forbidden` });
    expect(outbox.get(deleted.id)).toMatchObject({ state: 'failed', error: `ticket ${gone.id} is no longer on Zendesk (deleted, or never there)` });
    expect(simulator.writes).toEqual({ received: { [UPDATE]: 3 }, applied: {} });
  });

  it('renews an OAuth token that expires right before a write, and waits out a 429 on one: each applied once', async () => {
    const [expired, limited] = [newTicket(), newTicket()];
    const pair = simulator.oauth.issue();
    const oauth = { type: 'oauth' as const, accessToken: pair.access_token, refreshToken: pair.refresh_token, clientId: simulator.oauth.settings.clientId };
    // Each fault once, on the first request of its ticket's update.
    const faults = new Map<string, () => void>([
      [`/tickets/${expired.id}.json`, () => void simulator.oauth.expireAccessTokens()],
      [`/tickets/${limited.id}.json`, () => void (simulator.faults.rateLimitNext = { count: 1, retryAfterSeconds: 0 })],
    ]);
    const network = beforeEachWrite((url) => {
      const path = new URL(url).pathname.replace('/api/v2', '');
      faults.get(path)?.();
      faults.delete(path);
    });
    const writer = connector(network, oauth);
    // A 429 says the minute's budget is spent until Zendesk's minute ends: let it end a second from now.
    clock = (Math.floor(clock / 60_000) + 2) * 60_000 - 1_000;
    queue(expired, { comment: { body: 'After a new token.', public: false } });
    queue(limited, { comment: { body: 'After a 429.', public: false } });

    expect(await send(writer)).toMatchObject({ sent: 2 });
    expect(simulator.writes).toEqual({ received: { [UPDATE]: 4 }, applied: { [UPDATE]: 2 } });
    expect(simulator.oauth.refreshes).toBe(1);
  });

  it('answers a stale safe update with Zendesk\'s 409, counts writes on /__control/writes, and lists the macros', async () => {
    const target = newTicket();
    const put = (stamp: string) =>
      fetch(`${simulator.url}/api/v2/tickets/${target.id}.json`, {
        method: 'PUT',
        headers: { authorization: `Basic ${Buffer.from(`${simulator.credentials.email}/token:${simulator.credentials.token}`).toString('base64')}`, 'content-type': 'application/json' },
        body: JSON.stringify({ ticket: { status: 'pending', safe_update: true, updated_stamp: stamp } }),
      });
    const stale = new Date(Date.parse(target.base) - 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const refused = await put(stale);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: 'UpdateConflict' });
    const applied = await put(target.base);
    expect(applied.status).toBe(200);
    expect(await applied.json()).toMatchObject({ ticket: { status: 'pending' }, audit: { events: [{ type: 'Change', field_name: 'status', value: 'pending' }] } });

    const counts = await fetch(`${simulator.url}/__control/writes`, { headers: { 'content-type': 'application/json' } });
    expect(await counts.json()).toEqual({ received: { [UPDATE]: 2 }, applied: { [UPDATE]: 1 } });

    const { macros } = await api<{ macros: { id: number; title: string; active: boolean; actions: { field: string; value: unknown }[] }[] }>('/macros/active.json');
    expect(macros.length).toBeGreaterThanOrEqual(3);
    for (const macro of macros) expect(macro).toMatchObject({ id: expect.any(Number), title: expect.any(String), active: true, actions: expect.any(Array) });
    expect(macros.flatMap((m) => m.actions.map((a) => a.field))).toEqual(expect.arrayContaining(['comment_value', 'status', 'priority', 'current_tags']));
  });
});
