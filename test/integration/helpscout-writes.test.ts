import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxWrite } from '../../shared/domain/outbox-entry.ts';
import type { HelpScoutAccount } from '../../shared/settings/account-config.ts';
import { HelpScoutConnector } from '../../main/core/connectors/helpscout/helpscout-connector.ts';
import { sendPendingWrites } from '../../main/core/outbox/outbox-sender.ts';
import { OutboxStore } from '../../main/core/outbox/outbox-store.ts';
import { DATABASE_FILE_NAME, openDatabase } from '../../main/core/store/database.ts';
import { type HttpDeps, REAL_HTTP, type RetryPolicy } from '../../main/core/sync/helpdesk-http.ts';
import type { SyncedTicket } from '../../main/core/sync/sync-page.ts';
import {
  startHelpScoutSimulator,
  type HelpScoutConversation,
  type HelpScoutSimulator,
  type HelpScoutSimulatorOptions,
} from '../../main/simulators/helpscout/server.ts';
import { helpScoutToken } from '../support/helpscout-conversations.ts';
import { useTempDirs } from '../support/temp-dir.ts';

// Outbox entries sent by the Help Scout writer to the simulator over real loopback HTTP, from a real outbox in a
// SQLite file, driven by the outbox sender; the simulator's write counts tell what arrived and what was applied.
const FAST_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 5_000 };
const PLENTY = 100_000;
const ACCOUNT_ID = 'acme-hs';
const REPLY = 'POST /v2/conversations/{id}/reply';
const NOTES = 'POST /v2/conversations/{id}/notes';
const PATCH = 'PATCH /v2/conversations/{id}';
const TAGS = 'PUT /v2/conversations/{id}/tags';

describe('Help Scout writes against the simulator', () => {
  const tempDir = useTempDirs();
  let simulator: HelpScoutSimulator;
  let outbox: OutboxStore;

  async function start(options: HelpScoutSimulatorOptions = {}): Promise<void> {
    simulator = await startHelpScoutSimulator({ seed: 5, organizations: 10, conversations: 20, rateLimitPerMinute: PLENTY, ...options });
  }
  beforeEach(async () => {
    await start();
    outbox = new OutboxStore(openDatabase(join(tempDir(), DATABASE_FILE_NAME)));
  });
  afterEach(async () => {
    await simulator.close();
  });

  function account(): HelpScoutAccount {
    return { id: ACCOUNT_ID, type: 'helpscout', baseUrl: simulator.url, auth: { type: 'clientCredentials', clientId: simulator.clientId, clientSecret: simulator.clientSecret } };
  }
  function connector(http: HttpDeps = REAL_HTTP): HelpScoutConnector {
    return new HelpScoutConnector(account(), FAST_RETRY, http);
  }
  /** The network as it is, with `hook` run before each conversation write leaves (to set a fault for that request). */
  function beforeEachWrite(hook: (method: string, url: string) => void): HttpDeps {
    return {
      ...REAL_HTTP,
      fetch: (input, init) => {
        const method = init?.method ?? 'GET';
        const url = input instanceof Request ? input.url : String(input);
        if (method !== 'GET' && url.includes('/v2/conversations/')) hook(method, url);
        return fetch(input, init);
      },
    };
  }
  function queue(conversationId: number, write: Partial<OutboxWrite>) {
    return outbox.queue({ accountId: ACCOUNT_ID, sourceId: String(conversationId) }, { comment: null, changes: null, ...write }, { now: new Date(), baseUpdatedAt: null });
  }
  function send(writerOf: HelpScoutConnector = connector()) {
    return sendPendingWrites(outbox, ACCOUNT_ID, writerOf.writer(), { now: () => new Date(), retry: FAST_RETRY });
  }
  function newConversation(tags: string[] = ['P3', 'billing']): HelpScoutConversation {
    return simulator.addConversation({ type: 'email', status: 'active', tags });
  }
  async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
    const token = await helpScoutToken(simulator.url, simulator);
    const response = await fetch(`${simulator.url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    return (response.status === 200 ? await response.json() : null) as T;
  }
  const conversation = (id: number) => api<HelpScoutConversation>(`/v2/conversations/${id}?embed=threads`);
  const meId = async () => (await api<{ id: number }>('/v2/users/me')).id;
  const threadsWith = (c: HelpScoutConversation, text: string) => (c._embedded?.threads ?? []).filter((t) => t.body?.includes(text));
  const lowerTags = (c: HelpScoutConversation) => c.tags.map((t) => t.tag.toLowerCase()).sort();

  it('sends a reply with its status, assignment, tags and severity once, and the next sync shows them', async () => {
    const c = newConversation(['P3', 'billing', 'upstream']);
    const entry = queue(c.id, {
      comment: { body: 'Thanks, we rotated the key.\n\nIt works again now.', public: true },
      changes: { status: 'pending', assignee: 'me', severity: 'P1', addTags: ['api-keys'], removeTags: ['Billing'] },
    });

    expect(await send()).toMatchObject({ sent: 1, failed: 0, waiting: 0 });
    // The reply carries the status: one PATCH for the assignee, one PUT for the tags and the severity.
    expect(simulator.writes.applied).toEqual({ [REPLY]: 1, [PATCH]: 1, [TAGS]: 1 });
    expect(outbox.get(entry.id)).toMatchObject({ state: 'sent', stepsDone: ['comment', 'status', 'assignee', 'tags'] });

    const me = await meId();
    const after = await conversation(c.id);
    expect(after.status).toBe('pending');
    expect(after.assignee?.id).toBe(me);
    expect(lowerTags(after)).toEqual(['api-keys', 'p1', 'upstream']);
    const replies = threadsWith(after, 'we rotated the key');
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ type: 'message', createdBy: { id: me, type: 'user' } });

    // The same user is "me" of the Mine view.
    expect(await connector().verify()).toEqual({ userId: `user:${me}` });
    let synced: SyncedTicket | undefined;
    for await (const page of connector().pages(null)) synced = page.tickets.find((t) => t.sourceId === String(c.id)) ?? synced;
    expect(synced).toMatchObject({ status: 'pending', severity: 'P1', assigneeId: `user:${me}`, tags: ['api-keys', 'p1', 'upstream'] });
    expect(await send()).toMatchObject({ sent: 0 });
    expect(simulator.writes.received).toEqual({ [REPLY]: 1, [PATCH]: 1, [TAGS]: 1 });
  });

  it('sends an internal note and each field change on its own', async () => {
    const [noted, closed, assigned, severe] = [newConversation(), newConversation(), newConversation(), newConversation(['P3', 'p4', 'docs'])];
    queue(noted.id, { comment: { body: 'Customer is on the legacy SDK.', public: false } });
    queue(closed.id, { changes: { status: 'solved' } });
    queue(assigned.id, { changes: { assignee: 'me' } });
    queue(assigned.id, { changes: { assignee: 'nobody' } });
    queue(severe.id, { changes: { severity: 'P2' } });

    expect(await send()).toMatchObject({ sent: 5, failed: 0 });
    expect(simulator.writes.applied).toEqual({ [NOTES]: 1, [PATCH]: 3, [TAGS]: 1 });
    const note = threadsWith(await conversation(noted.id), 'legacy SDK');
    expect(note).toMatchObject([{ type: 'note', createdBy: { id: await meId(), type: 'user' } }]);
    expect((await conversation(noted.id)).status).toBe('active');
    expect((await conversation(closed.id)).status).toBe('closed');
    expect((await conversation(assigned.id)).assignee).toBeUndefined();
    expect(lowerTags(await conversation(severe.id))).toEqual(['docs', 'p2']);
  });

  it('keeps a write made while Help Scout is unreachable and sends it once when it is back', async () => {
    const port = Number(new URL(simulator.url).port);
    const seeded = simulator.addConversation({ type: 'email' });
    await simulator.close();
    const writer = connector();
    const entry = queue(seeded.id, { comment: { body: 'Back online, sending this once.', public: true } });

    expect(await send(writer)).toMatchObject({ sent: 0, waiting: 1 });
    expect(outbox.get(entry.id)).toMatchObject({ state: 'pending', error: expect.stringContaining('unreachable') });

    // The same seed on the same port: the same conversation added again, the same id.
    await start({ port });
    const back = simulator.addConversation({ type: 'email' });
    expect(back.id).toBe(seeded.id);
    expect(await send(writer)).toMatchObject({ sent: 1 });
    expect(simulator.writes).toEqual({ received: { [REPLY]: 1 }, applied: { [REPLY]: 1 } });
    expect(threadsWith(await conversation(back.id), 'Back online')).toHaveLength(1);
  });

  it('looks on Help Scout after a 5xx on the write and sends it again only because it is not there', async () => {
    const c = newConversation();
    let failures = 1;
    const writer = connector(
      beforeEachWrite(() => {
        if (failures-- > 0) simulator.faults.failNext = { count: 1, status: 503 };
      }),
    );
    queue(c.id, { comment: { body: 'Sent after one 503.', public: true } });

    expect(await send(writer)).toMatchObject({ sent: 1 });
    expect(simulator.writes).toEqual({ received: { [REPLY]: 2 }, applied: { [REPLY]: 1 } });
    expect(threadsWith(await conversation(c.id), 'after one 503')).toHaveLength(1);
  });

  it('applied, then the connection dropped: found on Help Scout, not sent again', async () => {
    const c = newConversation();
    simulator.faults.dropAfterWriteNext = 1;
    const entry = queue(c.id, { comment: { body: 'Closing this one, thanks!', public: true }, changes: { status: 'closed' } });

    expect(await send()).toMatchObject({ sent: 1 });
    // The reply carried the status; the resumed attempt found both and sent nothing more.
    expect(simulator.writes).toEqual({ received: { [REPLY]: 1 }, applied: { [REPLY]: 1 } });
    expect(outbox.get(entry.id)).toMatchObject({ state: 'sent', stepsDone: ['comment', 'status'] });
    const after = await conversation(c.id);
    expect(after.status).toBe('closed');
    expect(threadsWith(after, 'Closing this one')).toHaveLength(1);
  });

  it('a tags change applied and then dropped is read back, not written twice', async () => {
    const c = newConversation(['P3', 'docs']);
    simulator.faults.dropAfterWriteNext = 1;
    queue(c.id, { changes: { severity: 'P2', addTags: ['sdk'] } });

    expect(await send()).toMatchObject({ sent: 1 });
    expect(simulator.writes).toEqual({ received: { [TAGS]: 1 }, applied: { [TAGS]: 1 } });
    expect(lowerTags(await conversation(c.id))).toEqual(['docs', 'p2', 'sdk']);
  });

  it('an entry a crash left "sending" is sent only if it did not reach Help Scout', async () => {
    const [reached, lost] = [newConversation(), newConversation()];
    const arrived = queue(reached.id, { comment: { body: 'This one reached Help Scout before the crash.', public: true } });
    const missing = queue(lost.id, { comment: { body: 'This one never left.', public: true } });
    outbox.markSending(arrived.id);
    outbox.markSending(missing.id);
    // What the crashed run had sent: the same text, by the same user.
    await api(`/v2/conversations/${reached.id}/reply`, {
      method: 'POST',
      body: JSON.stringify({ customer: { id: reached.primaryCustomer.id }, text: 'This one reached Help Scout before the crash.', user: await meId() }),
    });

    expect(await send()).toMatchObject({ sent: 2 });
    expect(simulator.writes.applied).toEqual({ [REPLY]: 2 });
    expect(threadsWith(await conversation(reached.id), 'reached Help Scout')).toHaveLength(1);
    expect(threadsWith(await conversation(lost.id), 'never left')).toHaveLength(1);
  });

  it('renews a token that expires right before a write, and waits out a 429 on one: each applied once', async () => {
    const [expired, limited] = [newConversation(), newConversation()];
    const faults = [() => simulator.expireTokens(), () => (simulator.faults.rateLimitNext = { count: 1, retryAfterSeconds: 0 })];
    const writer = connector(beforeEachWrite(() => faults.shift()?.()));
    queue(expired.id, { comment: { body: 'After a new token.', public: false } });
    queue(limited.id, { comment: { body: 'After a 429.', public: false } });

    expect(await send(writer)).toMatchObject({ sent: 2 });
    expect(simulator.writes).toEqual({ received: { [NOTES]: 4 }, applied: { [NOTES]: 2 } });
  });

  it('keeps a refused write with Help Scout\'s reason, and reports a 409 as a conflict', async () => {
    const full = newConversation();
    for (;;) {
      try {
        simulator.addCustomerReply(full.id, 'again');
      } catch {
        break;
      }
    }
    const gone = newConversation();
    simulator.deleteConversation(gone.id);
    const [forbidden, conflicting] = [newConversation(), newConversation()];
    const injected = [
      { url: `/${forbidden.id}`, status: 403 },
      { url: `/${conflicting.id}`, status: 409 },
    ];
    const writer = connector(
      beforeEachWrite((_method, url) => {
        const fault = injected.find((f) => url.includes(f.url));
        if (fault) simulator.faults.failNext = { count: 1, status: fault.status };
      }),
    );
    const tooMany = queue(full.id, { comment: { body: 'One thread too many.', public: true } });
    const deleted = queue(gone.id, { changes: { status: 'closed' } });
    const refused = queue(forbidden.id, { changes: { assignee: 'me' } });
    const conflict = queue(conflicting.id, { changes: { status: 'pending' } });

    expect(await send(writer)).toMatchObject({ sent: 0, failed: 4 });
    expect(outbox.get(tooMany.id)).toMatchObject({ state: 'failed', conflict: false, error: expect.stringMatching(/^Help Scout refused the reply \(HTTP 412\): .*limit of 100 threads/) });
    expect(outbox.get(deleted.id)).toMatchObject({ state: 'failed', error: `conversation ${gone.id} is no longer on Help Scout (deleted, or merged into another)` });
    expect(outbox.get(refused.id)).toMatchObject({ state: 'failed', conflict: false, error: 'Help Scout refused the assignment (HTTP 403): Forbidden' });
    expect(outbox.get(conflict.id)).toMatchObject({ state: 'failed', conflict: true, error: expect.stringContaining('conflict with the status change') });
    expect(simulator.writes.applied).toEqual({});
  });
});
