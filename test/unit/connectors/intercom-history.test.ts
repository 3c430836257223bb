// Intercom conversation parts as the normalized history and the conversation view: the examples of Intercom's own
// OpenAPI description (2.16), then the cases the examples do not show.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { TicketHistorySchema } from '../../../shared/domain/ticket-event.ts';
import { mapIntercomHistory } from '../../../main/core/connectors/intercom/intercom-history.ts';
import { IntercomConversation, IntercomPart } from '../../../main/core/connectors/intercom/intercom-payloads.ts';
import { haveSpec, SPEC_PATH } from '../../support/intercom-simulator-openapi.ts';

type Json = Record<string, unknown>;

let spec: { paths: Record<string, Record<string, Json>> } | null = null;

/** The named example of an operation's 200 answer (the spec helper gives only the first). */
function specExample(path: string, method: string, name: string): Json {
  // The `yaml` package is not a dependency; js-yaml comes with electron-builder, as in the spec helper.
  const jsYaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };
  spec ??= jsYaml.load(readFileSync(SPEC_PATH, 'utf8')) as { paths: Record<string, Record<string, Json>> };
  const responses = spec.paths[path]?.[method]?.['responses'] as Record<string, { content: Record<string, { examples: Record<string, { value: Json }> }> }>;
  const example = responses['200']?.content['application/json']?.examples[name]?.value;
  if (!example) throw new Error(`no example "${name}" for ${method.toUpperCase()} ${path}`);
  return example;
}

function history(raw: unknown) {
  const conversation = IntercomConversation.parse(raw);
  const parts = conversation.conversation_parts.conversation_parts.map((part) => IntercomPart.parse(part));
  const mapped = mapIntercomHistory(conversation, parts);
  // Whatever the input, the output is a history the engine accepts.
  expect(TicketHistorySchema.safeParse(mapped.events.map((e) => e.event)).success).toBe(true);
  return { ...mapped, list: mapped.events.map((e) => ({ id: e.eventId, ...e.event })) };
}

describe.skipIf(!haveSpec)("Intercom's own examples", () => {
  it('GET /conversations/{id}: an outbound conversation, the Operator as an admin, a custom action that closed it', () => {
    const { list, messages, missingParts } = history(specExample('/conversations/{conversation_id}', 'get', 'conversation found'));
    expect(list).toEqual([
      // Started by a teammate (admin_initiated); the tag was applied before the conversation existed.
      { id: 'created', type: 'created', at: '2024-12-18T15:58:31Z', by: 'agent', severity: null, status: 'open', tags: ['Test tag'] },
      // The Operator answers as an admin with its operator+...@intercom.io address: automation, not a reply.
      { id: '1', type: 'automated_message', at: '2022-09-19T14:20:23Z' },
      // custom_action_started and the jira_issue_key attribute say nothing; custom_action_finished carries the close.
      { id: '4:state', type: 'status_change', at: '2025-02-21T12:44:17Z', status: 'closed' },
      { id: 'tags', type: 'tags_change', at: '2024-12-18T15:58:31Z', tags: ['Test tag'] },
    ]);
    expect(messages.map((m) => [m.messageId, m.kind, m.authorId])).toEqual([
      ['source', 'agent', '991267645'],
      ['1', 'automated', '274'],
    ]);
    expect(missingParts).toBe(0);
  });

  it('a user\'s reply on an "open" part is a customer message; a teammate\'s note is internal', () => {
    expect(history(specExample('/conversations/{conversation_id}/reply', 'post', 'User reply')).list).toContainEqual({
      id: '132',
      type: 'customer_message',
      at: '2024-12-18T15:59:21Z',
    });
    const note = history(specExample('/conversations/{conversation_id}/reply', 'post', 'Admin Reply with a Note'));
    expect(note.list).toContainEqual({ id: '133', type: 'internal_note', at: '2024-12-18T15:59:25Z' });
    expect(note.messages.find((m) => m.messageId === '133')).toMatchObject({ kind: 'note', authorId: '991267696', html: expect.stringContaining('<h2>') });
    // The note's part does not say the conversation was closed; the conversation does, as of its last update.
    expect(note.list).toContainEqual({ id: 'state@1734537565', type: 'status_change', at: '2024-12-18T15:59:25Z', status: 'closed' });
  });

  it('a close with a body is a public reply, then the close', () => {
    const { list } = history(specExample('/conversations/{conversation_id}/parts', 'post', 'Close a conversation'));
    expect(list.filter((e) => e.id.startsWith('136'))).toEqual([
      { id: '136', type: 'agent_reply', at: '2024-12-18T15:59:44Z', public: true },
      { id: '136:state', type: 'status_change', at: '2024-12-18T15:59:44Z', status: 'closed' },
    ]);
  });

  it('a snooze is pending until snoozed_until', () => {
    const { list } = history(specExample('/conversations/{conversation_id}/parts', 'post', 'Snooze a conversation'));
    expect(list).toContainEqual({ id: '137:state', type: 'status_change', at: '2024-12-18T15:59:47Z', status: 'pending', until: '2024-12-18T16:59:47Z' });
  });

  it('an assignment with nothing to say is no event; a teammate\'s quick-reply options without a body neither', () => {
    const assigned = history(specExample('/conversations/{conversation_id}/parts', 'post', 'Assign a conversation'));
    expect(assigned.list.map((e) => e.type)).toEqual(['created', 'tags_change']);
    const options = history(specExample('/conversations/{conversation_id}/reply', 'post', 'Admin Reply to send Quick Reply Options'));
    expect(options.list.map((e) => e.type)).toEqual(['created', 'status_change', 'tags_change']);
  });
});

// A conversation as the simulator and 2.16 serve it, with the parts given.
const T0 = 1_709_722_800; // 2024-03-06T11:00:00Z
const iso = (t: number): string => new Date(t * 1000).toISOString().replace('.000Z', 'Z');
const contact = { type: 'user', id: '65f0c0ffee0000000000aa01', name: 'Ada Customer', email: 'ada@customer.test' };
const admin = { type: 'admin', id: '7340001', name: 'Sam Agent', email: 'sam@support.test' };
const fin = { type: 'bot', id: '7339998', name: 'Fin', email: 'operator+xd7r2k4q@intercom.io', from_ai_agent: true };

function part(id: number, at: number, partType: string, author: object, body: string | null, extra: Json = {}): Json {
  return { type: 'conversation_part', id: String(id), part_type: partType, body, created_at: at, updated_at: at, author, ...extra };
}

function conversation(parts: Json[], overrides: Json = {}): Json {
  const last = (parts.at(-1)?.['created_at'] as number | undefined) ?? T0;
  return {
    type: 'conversation',
    id: '215470000000042',
    created_at: T0,
    updated_at: last,
    title: null,
    state: 'open',
    snoozed_until: null,
    priority: 'high',
    admin_assignee_id: 7340001,
    source: { type: 'email', subject: 'Every call returns 503', body: '<p>Since 09:00 <b>every</b> call fails.</p>', author: contact },
    contacts: { type: 'contact.list', contacts: [{ type: 'contact', id: contact.id }] },
    tags: { type: 'tag.list', tags: [] },
    statistics: { type: 'conversation_statistics', count_conversation_parts: parts.length },
    conversation_parts: { type: 'conversation_part.list', conversation_parts: parts, total_count: parts.length },
    ...overrides,
  };
}

describe('an Intercom conversation', () => {
  it("opened by a contact is `created` by the customer with the priority it started with as the customer's severity", () => {
    const priority = part(1, T0 + 60, 'conversation_attribute_updated_by_admin', admin, null, {
      event_details: { attribute: { name: 'priority' }, value: { name: 'urgent', previous: 'medium' } },
    });
    const { list, messages } = history(conversation([priority], { priority: 'urgent' }));
    expect(list.slice(0, 2)).toEqual([
      { id: 'created', type: 'created', at: iso(T0), by: 'customer', severity: 'P3', status: 'open', tags: [] },
      { id: '1:priority', type: 'severity_change', at: iso(T0 + 60), severity: 'P1', setBy: 'responder' },
    ]);
    expect(messages).toEqual([
      { ticketSourceId: '215470000000042', messageId: 'source', at: iso(T0), kind: 'customer', authorId: contact.id, html: '<p>Since 09:00 <b>every</b> call fails.</p>' },
    ]);
  });

  it('tells customer messages, public replies, notes and bot messages apart by author and part type', () => {
    const { list, messages } = history(
      conversation([
        part(1, T0 + 2, 'comment', fin, '<p>Fin here. Have you checked the status page?</p>'),
        part(2, T0 + 30, 'quick_reply', contact, null, { metadata: { quick_reply_uuid: 'a1' } }),
        part(3, T0 + 60, 'assignment', admin, null, { assigned_to: { type: 'admin', id: admin.id } }),
        part(4, T0 + 90, 'note', admin, '<p>Looks like the EU cluster.</p>'),
        part(5, T0 + 120, 'comment', admin, '<p>We are on it.</p>'),
        part(6, T0 + 150, 'comment', contact, '<p>Thanks!</p>'),
      ]),
    );
    expect(list.filter((e) => e.type !== 'created' && e.type !== 'tags_change').map((e) => [e.id, e.type])).toEqual([
      ['1', 'automated_message'],
      ['2', 'customer_message'],
      ['4', 'internal_note'],
      ['5', 'agent_reply'],
      ['6', 'customer_message'],
    ]);
    expect(messages.map((m) => [m.messageId, m.kind])).toEqual([
      ['source', 'customer'],
      ['1', 'automated'],
      ['4', 'note'],
      ['5', 'agent'],
      ['6', 'customer'],
    ]);
  });

  it('reads state changes from the parts: snoozed is pending (until its end while it lasts), a reply wakes it, close closes', () => {
    const snoozedUntil = T0 + 7200;
    const { list } = history(
      conversation(
        [
          part(1, T0 + 60, 'comment', admin, '<p>Can you send a request id?</p>', { state: 'open' }),
          part(2, T0 + 70, 'snoozed', admin, null, { state: 'snoozed' }),
          part(3, T0 + 600, 'comment', contact, '<p>req_123</p>', { state: 'open' }),
          part(4, T0 + 900, 'close', admin, null, { state: 'closed' }),
          part(5, T0 + 1000, 'open', contact, '<p>It is back.</p>', { state: 'open' }),
          part(6, T0 + 1100, 'snoozed', admin, null, { state: 'snoozed' }),
        ],
        { state: 'snoozed', snoozed_until: snoozedUntil },
      ),
    );
    expect(list.filter((e) => e.type === 'status_change')).toEqual([
      { id: '2:state', type: 'status_change', at: iso(T0 + 70), status: 'pending' },
      { id: '3:state', type: 'status_change', at: iso(T0 + 600), status: 'open' },
      { id: '4:state', type: 'status_change', at: iso(T0 + 900), status: 'closed' },
      { id: '5:state', type: 'status_change', at: iso(T0 + 1000), status: 'open' },
      { id: '6:state', type: 'status_change', at: iso(T0 + 1100), status: 'pending', until: iso(snoozedUntil) },
    ]);
  });

  it('infers the state from the part type when the parts do not carry it (the timer and a customer reply wake a snooze)', () => {
    const { list } = history(
      conversation([
        part(1, T0 + 10, 'snoozed', admin, null),
        part(2, T0 + 20, 'timer_unsnooze', { type: 'bot', id: '7339999', name: 'Operator' }, null),
        part(3, T0 + 30, 'snoozed', admin, null),
        part(4, T0 + 40, 'comment', contact, '<p>Hello?</p>'),
        part(5, T0 + 50, 'close', admin, '<p>Fixed, closing.</p>'),
        part(6, T0 + 60, 'assign_and_reopen', admin, null),
      ]),
    );
    expect(list.filter((e) => e.type === 'status_change').map((e) => [e.id, 'status' in e ? e.status : null])).toEqual([
      ['1:state', 'pending'],
      ['2:state', 'open'],
      ['3:state', 'pending'],
      ['4:state', 'open'],
      ['5:state', 'closed'],
      ['6:state', 'open'],
    ]);
    expect(list.find((e) => e.id === '5')).toMatchObject({ type: 'agent_reply', public: true });
  });

  it('reads tags from when each was applied, and the set as it is now at the last update', () => {
    const tags = {
      type: 'tag.list',
      tags: [
        { type: 'tag', id: '1', name: 'api', applied_at: T0 },
        { type: 'tag', id: '2', name: 'upstream', applied_at: T0 + 300 },
      ],
    };
    const { list } = history(conversation([part(1, T0 + 400, 'comment', admin, '<p>Provider incident.</p>')], { tags }));
    expect(list.find((e) => e.type === 'created')).toMatchObject({ tags: ['api'] });
    expect(list.filter((e) => e.type === 'tags_change')).toEqual([
      { id: `tags@${T0 + 300}`, type: 'tags_change', at: iso(T0 + 300), tags: ['api', 'upstream'] },
      { id: 'tags', type: 'tags_change', at: iso(T0 + 400), tags: ['api', 'upstream'] },
    ]);
  });

  it('says how many parts the 500-part cap left out, and keeps the first reply from the statistics', () => {
    const parts = Array.from({ length: 500 }, (_, i) => part(1000 + i, T0 + 3600 + i * 60, i % 2 ? 'comment' : 'note', admin, '<p>x</p>'));
    const raw = conversation(parts, {
      statistics: { type: 'conversation_statistics', count_conversation_parts: 622, first_admin_reply_at: T0 + 120 },
    });
    const { list, missingParts } = history(raw);
    expect(missingParts).toBe(122);
    expect(list).toContainEqual({ id: 'first-admin-reply', type: 'agent_reply', at: iso(T0 + 120), public: true });
    // Nothing is made up when every part came.
    expect(history(conversation(parts.slice(0, 3))).list.some((e) => e.id === 'first-admin-reply')).toBe(false);
  });
});
