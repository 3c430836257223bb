// Help Scout threads as the normalized history and the conversation's messages: who wrote what, the status each
// thread set, line items, notes, calls and chats.
import { describe, expect, it } from 'vitest';
import { mapHelpScoutHistory, publishedThreadsOldestFirst } from '../../../main/core/connectors/helpscout/helpscout-history.ts';
import { HelpScoutConversation, HelpScoutThread } from '../../../main/core/connectors/helpscout/helpscout-payloads.ts';

const customer = { id: 480000005, type: 'customer', first: 'Ada', last: 'Okafor', email: 'ada@acme.test' };
const agent = { id: 610003, type: 'user', first: 'Morgan', last: 'Ellis', email: 'morgan@demo.test' };

let nextId = 1;
function thread(type: string, by: object | null, createdAt: string, extra: object = {}): object {
  return { id: 276000000300 + nextId++, type, status: 'nochange', state: 'published', createdBy: by, createdAt, body: `<p>${type}</p>`, ...extra };
}

function conversation(threads: object[], extra: object = {}): { conversation: HelpScoutConversation; threads: HelpScoutThread[] } {
  const parsed = HelpScoutConversation.parse({
    id: 2760000003,
    status: 'active',
    state: 'published',
    subject: 'Webhooks stopped',
    primaryCustomer: customer,
    createdAt: '2026-11-16T09:00:00Z',
    userUpdatedAt: '2026-11-16T09:00:00Z',
    tags: [{ id: 1, color: '#fff', tag: 'P2' }, { id: 2, color: '#fff', tag: 'webhooks' }],
    _embedded: { threads: [...threads].reverse() },
    ...extra,
  });
  return { conversation: parsed, threads: publishedThreadsOldestFirst((parsed._embedded?.threads ?? []).map((t) => HelpScoutThread.parse(t))) };
}

const eventsOf = (c: ReturnType<typeof conversation>) => mapHelpScoutHistory(c.conversation, c.threads).events.map((e) => ({ id: e.eventId, ...e.event }));

describe('a Help Scout conversation as history', () => {
  it("starts with `created` for the customer's first message, with the severity tag and the tags in lower case", () => {
    const c = conversation([thread('customer', customer, '2026-11-16T09:00:00Z', { status: 'active' })]);
    expect(eventsOf(c)).toEqual([
      { id: 'created', type: 'created', at: '2026-11-16T09:00:00Z', by: 'customer', severity: 'P2', status: 'open', tags: ['p2', 'webhooks'] },
    ]);
  });

  it('reads replies, notes, later customer messages and the statuses threads set, line items included, in time order', () => {
    const c = conversation([
      thread('customer', customer, '2026-11-16T09:00:00Z', { status: 'active' }),
      thread('lineitem', agent, '2026-11-16T09:05:00Z', { body: undefined, action: { type: 'default', text: 'Assigned to Morgan Ellis' } }),
      thread('note', agent, '2026-11-16T09:06:00Z'),
      thread('message', agent, '2026-11-16T09:30:00Z', { status: 'pending' }),
      thread('customer', customer, '2026-11-16T11:00:00Z', { status: 'active' }),
      thread('message', agent, '2026-11-16T11:20:00Z'),
      thread('lineitem', agent, '2026-11-16T11:21:00Z', { status: 'closed', body: undefined, action: { type: 'default', text: 'Marked as Closed' } }),
    ]);
    const ids = c.threads.map((t) => String(t.id));
    expect(eventsOf(c)).toEqual([
      expect.objectContaining({ type: 'created' }),
      { id: ids[2], type: 'internal_note', at: '2026-11-16T09:06:00Z' },
      { id: ids[3], type: 'agent_reply', at: '2026-11-16T09:30:00Z', public: true },
      { id: `${ids[3]}:status`, type: 'status_change', at: '2026-11-16T09:30:00Z', status: 'pending' },
      { id: ids[4], type: 'customer_message', at: '2026-11-16T11:00:00Z' },
      { id: `${ids[4]}:status`, type: 'status_change', at: '2026-11-16T11:00:00Z', status: 'open' },
      { id: ids[5], type: 'agent_reply', at: '2026-11-16T11:20:00Z', public: true },
      { id: `${ids[6]}:status`, type: 'status_change', at: '2026-11-16T11:21:00Z', status: 'closed' },
    ]);
  });

  it('keeps every message with its HTML and author (users prefixed), but not line items or drafts', () => {
    const c = conversation([
      thread('customer', customer, '2026-11-16T09:00:00Z', { body: '<div dir="ltr"><p>It <b>broke</b></p></div>' }),
      thread('lineitem', agent, '2026-11-16T09:05:00Z', { body: undefined }),
      thread('message', agent, '2026-11-16T09:10:00Z', { state: 'draft' }),
      thread('note', agent, '2026-11-16T09:11:00Z'),
    ]);
    expect(mapHelpScoutHistory(c.conversation, c.threads).messages).toEqual([
      { ticketSourceId: '2760000003', messageId: String(c.threads[0]!.id), at: '2026-11-16T09:00:00Z', kind: 'customer', authorId: '480000005', html: '<div dir="ltr"><p>It <b>broke</b></p></div>' },
      { ticketSourceId: '2760000003', messageId: String(c.threads[2]!.id), at: '2026-11-16T09:11:00Z', kind: 'note', authorId: 'user:610003', html: '<p>note</p>' },
    ]);
    expect(c.threads.map((t) => t.type)).toEqual(['customer', 'lineitem', 'note']);
  });

  it('reads a logged call as the customer calling and an agent answering at once; chats by who wrote them', () => {
    const call = conversation([thread('phone', agent, '2026-11-16T09:00:00Z', { status: 'active' }), thread('phone', customer, '2026-11-16T10:00:00Z')], { type: 'phone' });
    expect(eventsOf(call).map((e) => [e.type, 'by' in e ? e.by : undefined])).toEqual([
      ['created', 'customer'],
      ['agent_reply', undefined],
      ['customer_message', undefined],
    ]);
    const chat = conversation([thread('chat', customer, '2026-11-16T09:00:00Z'), thread('chat', agent, '2026-11-16T09:01:00Z'), thread('chat', customer, '2026-11-16T09:02:00Z')]);
    expect(eventsOf(chat).map((e) => e.type)).toEqual(['created', 'agent_reply', 'customer_message']);
  });

  it("counts an agent's outbound email as an agent-created ticket, and an unsigned message as automated", () => {
    const outbound = conversation([thread('message', agent, '2026-11-16T09:00:00Z'), thread('message', null, '2026-11-16T09:00:05Z')]);
    expect(eventsOf(outbound).map((e) => [e.type, 'by' in e ? e.by : undefined])).toEqual([
      ['created', 'agent'],
      ['automated_message', undefined],
    ]);
    expect(mapHelpScoutHistory(outbound.conversation, outbound.threads).messages.map((m) => [m.kind, m.authorId])).toEqual([
      ['agent', 'user:610003'],
      ['automated', null],
    ]);
  });

  it('leaves spam out of the statuses (the deleted flag takes the ticket away) and has no severity without a p-tag', () => {
    const c = conversation(
      [
        thread('customer', customer, '2026-11-16T09:00:00Z', { status: 'active' }),
        thread('lineitem', agent, '2026-11-16T09:05:00Z', { status: 'spam', body: undefined }),
      ],
      { status: 'spam', tags: [] },
    );
    expect(eventsOf(c)).toEqual([{ id: 'created', type: 'created', at: '2026-11-16T09:00:00Z', by: 'customer', severity: null, status: 'open', tags: [] }]);
  });
});
