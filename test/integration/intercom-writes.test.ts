import { createServer } from 'node:net';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxWrite, TicketFieldChanges } from '../../shared/domain/outbox-entry.ts';
import type { IntercomAccount } from '../../shared/settings/account-config.ts';
import { AuthenticationError } from '../../main/core/connectors/helpdesk-connector.ts';
import { IntercomConnector } from '../../main/core/connectors/intercom/intercom-connector.ts';
import { PENDING_SNOOZE_SECONDS } from '../../main/core/connectors/intercom/intercom-writer.ts';
import { replyHtml } from '../../main/core/connectors/intercom/reply-html.ts';
import { sendPendingWrites, type OutboxRun } from '../../main/core/outbox/outbox-sender.ts';
import { type OutboxItem, OutboxStore } from '../../main/core/outbox/outbox-store.ts';
import { DATABASE_FILE_NAME, openDatabase } from '../../main/core/store/database.ts';
import type { RetryPolicy } from '../../main/core/sync/helpdesk-http.ts';
import type { SyncedMessage, SyncedTicket } from '../../main/core/sync/sync-page.ts';
import { startIntercomSimulator, type IntercomSimulator } from '../../main/simulators/intercom/server.ts';
import { useTempDirs } from '../support/temp-dir.ts';

// Intercom writes through the outbox: the real OutboxStore in a temp SQLite file, the sender, the connector's writer,
// and the Intercom simulator over loopback HTTP, under its faults. "Exactly once" is read off the simulator's counts.
const FAST_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 5_000 };
const ACCOUNT_ID = 'acme-ic';
const REPLY = 'POST /conversations/{id}/reply';
const PARTS = 'POST /conversations/{id}/parts';

interface Part {
  id: string;
  part_type: string;
  body: string | null;
  author: { type: string; id: string };
}
interface Conversation {
  id: string;
  state: string;
  snoozed_until: number | null;
  priority: string;
  admin_assignee_id: number;
  tags: { tags: { id: string; name: string }[] };
  conversation_parts: { conversation_parts: Part[] };
}

function account(sim: IntercomSimulator, baseUrl = sim.url): IntercomAccount {
  return { id: ACCOUNT_ID, type: 'intercom', baseUrl, auth: { type: 'bearer', token: sim.token } };
}

/** The conversation as the API serves it now. */
async function conversation(sim: IntercomSimulator, id: string): Promise<Conversation> {
  const response = await fetch(`${sim.url}/conversations/${id}`, { headers: { authorization: `Bearer ${sim.token}`, 'intercom-version': '2.16' } });
  expect(response.status).toBe(200);
  return (await response.json()) as Conversation;
}

async function meId(sim: IntercomSimulator): Promise<string> {
  const response = await fetch(`${sim.url}/__control/info`);
  return ((await response.json()) as { me_id: string }).me_id;
}

/** The conversation's parts carrying `text`, as the writer sends it. */
const partsSaying = (c: Conversation, text: string): Part[] => c.conversation_parts.conversation_parts.filter((p) => p.body === replyHtml(text));

/** A port nothing listens on: the helpdesk is offline. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('Intercom writes against the simulator', () => {
  const tempDir = useTempDirs();
  let sim: IntercomSimulator;
  /** Verified already, so that a fault set by a test meets the writes and not the /me that names the admin. */
  let connector: IntercomConnector;
  const databases: DatabaseSync[] = [];

  beforeEach(async () => {
    sim = await startIntercomSimulator({ seed: 11, companies: 8, conversations: 12 });
    connector = new IntercomConnector(account(sim), FAST_RETRY);
    await connector.verify();
  });
  afterEach(async () => {
    for (const db of databases.splice(0)) db.close();
    await sim.close();
  });

  function openOutbox(dir: string): OutboxStore {
    const db = openDatabase(join(dir, DATABASE_FILE_NAME));
    databases.push(db);
    return new OutboxStore(db);
  }

  function queue(store: OutboxStore, id: string, write: Partial<OutboxWrite>): OutboxItem {
    return store.queue({ accountId: ACCOUNT_ID, sourceId: id }, { comment: null, changes: null, ...write }, { now: new Date(), baseUpdatedAt: null });
  }

  async function send(store: OutboxStore, through: IntercomConnector = connector): Promise<OutboxRun> {
    return sendPendingWrites(store, ACCOUNT_ID, through.writer(), { now: () => new Date(), retry: FAST_RETRY });
  }

  /** What the next sync reads of one conversation, through the connector's read routes and mapping. */
  async function synced(id: string): Promise<{ ticket: SyncedTicket; messages: SyncedMessage[] }> {
    const reader = new IntercomConnector(account(sim), FAST_RETRY);
    await reader.verify();
    let ticket: SyncedTicket | undefined;
    const messages: SyncedMessage[] = [];
    for await (const page of reader.pages(null)) {
      ticket = page.tickets.find((t) => t.sourceId === id) ?? ticket;
      messages.push(...page.messages.filter((m) => m.ticketSourceId === id));
    }
    if (!ticket) throw new Error(`conversation ${id} was not synced`);
    return { ticket, messages };
  }

  const newConversation = (): string => sim.addConversation({ subject: 'API key rejected', body: 'Our key stopped working.' }).id;

  it('sends a reply and a note as the token admin; the next sync shows them', async () => {
    const store = openOutbox(tempDir());
    const id = newConversation();
    queue(store, id, { comment: { body: 'Send the key in the X-Api-Key header.\n\nRegards', public: true } });
    queue(store, id, { comment: { body: 'Customer rotated the key <yesterday> & forgot.', public: false } });

    expect(await send(store)).toMatchObject({ sent: 2, failed: 0, waiting: 0 });
    expect(store.list().map((entry) => entry.state)).toEqual(['sent', 'sent']);
    expect(sim.writes.applied[REPLY]).toBe(2);

    const me = await meId(sim);
    const parts = (await conversation(sim, id)).conversation_parts.conversation_parts.slice(-2);
    expect(parts.map((p) => [p.part_type, p.author.type, p.author.id])).toEqual([
      ['comment', 'admin', me],
      ['note', 'admin', me],
    ]);
    const { messages } = await synced(id);
    expect(messages.filter((m) => m.kind === 'agent').at(-1)).toMatchObject({ authorId: me, html: '<p>Send the key in the X-Api-Key header.</p><p>Regards</p>' });
    expect(messages.filter((m) => m.kind === 'note').at(-1)?.html).toBe('<p>Customer rotated the key &lt;yesterday&gt; &amp; forgot.</p>');
  });

  it('writes each field change: status, severity as priority, assignee and tags; the next sync shows them', async () => {
    const store = openOutbox(tempDir());
    const [pending, solved, severity, assignee, tags] = [newConversation(), newConversation(), newConversation(), newConversation(), newConversation()];
    sim.updateConversation(assignee, { adminAssigneeId: 0 });
    sim.updateConversation(tags, { tags: ['billing', 'sdk'] });
    const changes: [string, TicketFieldChanges][] = [
      [pending, { status: 'pending' }],
      [solved, { status: 'solved' }],
      [severity, { severity: 'P1' }],
      [assignee, { assignee: 'me' }],
      [tags, { addTags: ['billing', 'needs-eng'], removeTags: ['sdk', 'never-existed'] }],
    ];
    for (const [id, change] of changes) queue(store, id, { changes: change });
    const before = Math.floor(Date.now() / 1000);

    expect(await send(store)).toMatchObject({ sent: 5, failed: 0 });

    const snoozed = await conversation(sim, pending);
    expect(snoozed.state).toBe('snoozed');
    expect(snoozed.snoozed_until).toBeGreaterThanOrEqual(before + PENDING_SNOOZE_SECONDS);
    expect(snoozed.snoozed_until).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + PENDING_SNOOZE_SECONDS);
    expect((await conversation(sim, solved)).state).toBe('closed');
    expect((await conversation(sim, severity)).priority).toBe('urgent');
    expect(String((await conversation(sim, assignee)).admin_assignee_id)).toBe(await meId(sim));
    expect((await conversation(sim, tags)).tags.tags.map((t) => t.name)).toEqual(['billing', 'needs-eng']);
    // A tag the workspace lacked was created once; a tag it never had was not asked about.
    expect(sim.writes.applied).toMatchObject({ 'POST /tags': 1, 'POST /conversations/{id}/tags': 2, 'DELETE /conversations/{id}/tags/{tag_id}': 1, 'PUT /conversations/{id}': 1 });

    expect((await synced(pending)).ticket.status).toBe('pending');
    expect((await synced(solved)).ticket.status).toBe('closed');
    expect((await synced(severity)).ticket.severity).toBe('P1');
    expect((await synced(assignee)).ticket.assigneeId).toBe(await meId(sim));
    expect((await synced(tags)).ticket.tags).toEqual(['billing', 'needs-eng']);
  });

  it('sends a macro (reply, unassign, priority, tag, close) in order, each request once', async () => {
    const store = openOutbox(tempDir());
    const id = newConversation();
    queue(store, id, {
      comment: { body: 'Fixed on our side: please retry.', public: true },
      changes: { status: 'closed', severity: 'P3', assignee: 'nobody', addTags: ['resolved-upstream'] },
    });

    expect(await send(store)).toMatchObject({ sent: 1 });
    const after = await conversation(sim, id);
    expect(after).toMatchObject({ state: 'closed', priority: 'medium', admin_assignee_id: 0 });
    expect(after.tags.tags.map((t) => t.name)).toContain('resolved-upstream');
    // The close comes last: the unassignment before it would have reopened a closed conversation.
    expect(after.conversation_parts.conversation_parts.at(-1)?.part_type).toBe('close');
    expect(sim.writes.applied).toMatchObject({ [REPLY]: 1, [PARTS]: 2, 'PUT /conversations/{id}': 1, 'POST /conversations/{id}/tags': 1 });
    expect(store.list()[0]?.stepsDone).toEqual(['reply', 'assignee', 'priority', 'tag+resolved-upstream', 'state']);
  });

  it('offline, then restarted and back online: the reply is sent exactly once', async () => {
    const dir = tempDir();
    const id = newConversation();
    const offline = openOutbox(dir);
    const entry = queue(offline, id, { comment: { body: 'We are looking into it.', public: true } });
    const unreachable = new IntercomConnector(account(sim, `http://127.0.0.1:${await deadPort()}`), FAST_RETRY);

    expect(await send(offline, unreachable)).toMatchObject({ sent: 0, waiting: 1 });
    expect(offline.get(entry.id)).toMatchObject({ state: 'pending', error: expect.stringContaining('unreachable') });
    databases.pop()?.close();

    const restarted = openOutbox(dir);
    const online = new IntercomConnector(account(sim), FAST_RETRY);
    expect(await send(restarted, online)).toMatchObject({ sent: 1 });
    expect(await send(restarted, online)).toMatchObject({ sent: 0 });
    expect(sim.writes.received[REPLY]).toBe(1);
    expect(partsSaying(await conversation(sim, id), 'We are looking into it.')).toHaveLength(1);
  });

  it('a 5xx that may have applied: the conversation is read back, the reply is sent once', async () => {
    const store = openOutbox(tempDir());
    const id = newConversation();
    queue(store, id, { comment: { body: 'Checking the logs now.', public: true }, changes: { status: 'pending' } });
    sim.faults.failNext = { count: 1, status: 503 };

    expect(await send(store)).toMatchObject({ sent: 1 });
    expect(sim.writes.received[REPLY]).toBe(2);
    expect(sim.writes.applied).toMatchObject({ [REPLY]: 1, [PARTS]: 1 });
    expect(sim.requests.filter((r) => r.method === 'GET' && r.path === `/conversations/${id}`)).toHaveLength(1);
    expect(partsSaying(await conversation(sim, id), 'Checking the logs now.')).toHaveLength(1);
  });

  it('applied, then the connection dropped, at each step: nothing is sent twice', async () => {
    const store = openOutbox(tempDir());
    const id = newConversation();
    sim.updateConversation(id, { adminAssigneeId: Number(await meId(sim)) });
    queue(store, id, { comment: { body: 'Escalated to the API team.', public: false }, changes: { assignee: 'nobody', status: 'closed' } });
    sim.faults.dropAfterWriteNext = 3;

    expect(await send(store)).toMatchObject({ sent: 1 });
    expect(sim.faults.dropAfterWriteNext).toBe(0);
    expect(sim.writes.received).toMatchObject({ [REPLY]: 1, [PARTS]: 2 });
    expect(sim.writes.applied).toMatchObject({ [REPLY]: 1, [PARTS]: 2 });
    const after = await conversation(sim, id);
    expect(after).toMatchObject({ state: 'closed', admin_assignee_id: 0 });
    expect(partsSaying(after, 'Escalated to the API team.')).toHaveLength(1);
  });

  it('an entry left "sending" by a crash after its reply reached Intercom is not sent again', async () => {
    const store = openOutbox(tempDir());
    const id = newConversation();
    const entry = queue(store, id, { comment: { body: 'Your quota resets at midnight UTC.', public: true }, changes: { status: 'solved' } });
    store.markSending(entry.id);
    // What the crashed run had sent: the reply was applied, its answer never recorded.
    const sent = await fetch(`${sim.url}/conversations/${id}/reply`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sim.token}`, 'content-type': 'application/json', 'intercom-version': '2.16' },
      body: JSON.stringify({ message_type: 'comment', type: 'admin', admin_id: await meId(sim), body: replyHtml('Your quota resets at midnight UTC.') }),
    });
    expect(sent.status).toBe(200);

    expect(await send(store)).toMatchObject({ sent: 1 });
    expect(sim.writes.received[REPLY]).toBe(1);
    expect(sim.writes.applied[PARTS]).toBe(1);
    expect((await conversation(sim, id)).state).toBe('closed');
  });

  it('a crash between the close and its step being recorded: the close is not sent again', async () => {
    const store = openOutbox(tempDir());
    const id = newConversation();
    const entry = queue(store, id, { comment: { body: 'Closing: fixed in v2.3.', public: true }, changes: { status: 'closed' } });
    expect(await send(store)).toMatchObject({ sent: 1 });
    // Played back as if the run had died after Intercom closed it, with only the reply recorded.
    const db = openDatabase(join(tempDir(), DATABASE_FILE_NAME));
    databases.push(db);
    const replayed = new OutboxStore(db);
    const again = replayed.queue(entry.ticket, entry.write, { now: new Date(entry.createdAt), baseUpdatedAt: null });
    replayed.markSending(again.id);
    replayed.markStepDone(again.id, 'reply');

    expect(await send(replayed)).toMatchObject({ sent: 1 });
    expect(sim.writes.received).toMatchObject({ [REPLY]: 1, [PARTS]: 1 });
  });

  it('a resumed reply whose time is older than the 500 parts Intercom serves is kept for the engineer, not sent blindly', async () => {
    const store = openOutbox(tempDir());
    const id = newConversation();
    const entry = store.queue(
      { accountId: ACCOUNT_ID, sourceId: id },
      { comment: { body: 'Did the retry work?', public: true }, changes: null },
      { now: new Date(Date.now() - 3_600_000), baseUpdatedAt: null },
    );
    for (let i = 0; i < 501; i++) sim.addCustomerReply(id, `ping ${i}`);
    store.markSending(entry.id);

    expect(await send(store)).toMatchObject({ sent: 0, failed: 1 });
    expect(store.get(entry.id)?.error).toMatch(/500 most recent parts .*look in Intercom/);
    expect(sim.writes.received[REPLY]).toBeUndefined();
  });

  it('a refusal is kept with Intercom\'s reason; a 409 is a conflict; later writes of the ticket wait', async () => {
    const store = openOutbox(tempDir());
    const gone = newConversation();
    const forbidden = newConversation();
    const conflicting = newConversation();
    sim.deleteConversation(gone);
    const refused = queue(store, gone, { comment: { body: 'Hello?', public: true } });
    const after = queue(store, gone, { changes: { status: 'closed' } });

    expect(await send(store)).toMatchObject({ failed: 1, waiting: 1 });
    expect(store.get(refused.id)).toMatchObject({ state: 'failed', conflict: false });
    expect(store.get(refused.id)?.error).toBe('Intercom refused to send the reply (HTTP 404: not_found: Resource Not Found)');
    expect(store.get(after.id)?.state).toBe('pending');
    store.discard(after.id, new Date());

    const denied = queue(store, forbidden, { changes: { assignee: 'me' } });
    sim.faults.failNext = { count: 1, status: 403 };
    await send(store);
    expect(store.get(denied.id)).toMatchObject({ state: 'failed', error: 'Intercom refused to assign the conversation (HTTP 403: forbidden: Forbidden)' });

    const clash = queue(store, conflicting, { changes: { severity: 'P2' } });
    sim.faults.failNext = { count: 1, status: 409 };
    await send(store);
    expect(store.get(clash.id)).toMatchObject({ state: 'failed', conflict: true });
  });

  it('a reply after a rate limit waits out Retry-After and is sent once; an expired token stops the account', async () => {
    const store = openOutbox(tempDir());
    const id = newConversation();
    queue(store, id, { comment: { body: 'One moment.', public: true } });
    sim.faults.rateLimitNext = { count: 1, retryAfterSeconds: 1 };
    expect(await send(store)).toMatchObject({ sent: 1 });
    expect(sim.writes).toMatchObject({ received: { [REPLY]: 2 }, applied: { [REPLY]: 1 } });

    const waiting = queue(store, id, { comment: { body: 'Still there?', public: true } });
    sim.faults.tokenExpired = true;
    await expect(send(store)).rejects.toBeInstanceOf(AuthenticationError);
    expect(store.get(waiting.id)).toMatchObject({ state: 'pending', error: expect.stringContaining('HTTP 401') });
  });
});
