// Zendesk updates (audits) as the normalized history: the real audit body from the fixtures, and the incremental
// ticket events export's shape, where a change names its field as a key.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mapZendeskAudit, type ZendeskAuthor } from '../../../main/core/connectors/zendesk/zendesk-history.ts';
import { ZendeskAudit } from '../../../main/core/connectors/zendesk/zendesk-payloads.ts';

const fixture = JSON.parse(readFileSync(new URL('../../../../shared/fixtures/zendesk/go-zendesk/GET/ticket_audits.json', import.meta.url), 'utf8')) as {
  audits: unknown[];
};
const roles = new Map<number, ZendeskAuthor>([
  [5246746, 'agent'],
  [900, 'customer'],
  [901, 'agent'],
]);
const authorOf = (id: number): ZendeskAuthor | undefined => roles.get(id);
const map = (raw: unknown) => mapZendeskAudit(ZendeskAudit.parse(raw), authorOf).events.map((e) => ({ id: e.eventId, ...e.event }));
const messagesOf = (raw: unknown) => mapZendeskAudit(ZendeskAudit.parse(raw), authorOf).messages;

describe('a Zendesk audit', () => {
  it("from the fixture: an agent's private comment is an internal note, the trigger's status change a status change", () => {
    expect(map(fixture.audits[0])).toEqual([
      { id: '2127301143:2127301148', type: 'internal_note', at: '2011-09-25T22:35:44Z' },
      { id: '2127301143:2127301163', type: 'status_change', at: '2011-09-25T22:35:44Z', status: 'open' },
    ]);
  });

  const item = (updater: number, via: string, children: object[]) => ({
    id: 77,
    ticket_id: 40001,
    timestamp: 1709542800,
    created_at: '2024-03-04T09:00:00Z',
    updater_id: updater,
    via,
    event_type: 'Audit',
    child_events: children,
  });

  it("from the events export: a customer's creating update is `created` with their priority as their severity", () => {
    const created = item(900, 'Web form', [
      { id: 1, event_type: 'Create', via: 'Web form', status: 'new' },
      { id: 2, event_type: 'Create', via: 'Web form', priority: 'urgent' },
      { id: 3, event_type: 'Create', via: 'Web form', tags: ['api', 'rate-limit'] },
      { id: 4, event_type: 'Comment', public: true, author_id: 900, body: 'It broke' },
    ]);
    expect(map(created)).toEqual([
      { id: '77', type: 'created', at: '2024-03-04T09:00:00Z', by: 'customer', severity: 'P1', status: 'new', tags: ['api', 'rate-limit'] },
    ]);
  });

  it('keeps each comment as a message of the conversation, the creating one included, HTML as sent or escaped text', () => {
    expect(messagesOf(fixture.audits[0])).toEqual([
      { ticketSourceId: '666', messageId: '2127301143:2127301148', at: '2011-09-25T22:35:44Z', kind: 'note', authorId: '5246746', html: '<p>This is a new private comment</p>' },
    ]);
    const created = item(900, 'Web form', [
      { id: 1, event_type: 'Create', status: 'new' },
      { id: 4, event_type: 'Comment', public: true, author_id: 900, body: 'It broke <b>badly</b>\nsince 9:00' },
    ]);
    expect(messagesOf(created)).toMatchObject([{ messageId: '77:4', kind: 'customer', authorId: '900', html: '<p>It broke &lt;b&gt;badly&lt;/b&gt;<br>since 9:00</p>' }]);
  });

  it('tells customer messages, public replies, internal notes and automated comments apart by author and channel', () => {
    expect(map(item(900, 'Mail', [{ id: 5, event_type: 'Comment', public: true, author_id: 900 }]))).toMatchObject([{ type: 'customer_message' }]);
    expect(map(item(901, 'Web form', [{ id: 6, event_type: 'Comment', public: true, author_id: 901 }]))).toMatchObject([{ type: 'agent_reply', public: true }]);
    expect(map(item(901, 'Web form', [{ id: 7, event_type: 'Comment', public: false, author_id: 901 }]))).toMatchObject([{ type: 'internal_note' }]);
    expect(map(item(-1, 'Rule', [{ id: 8, event_type: 'Comment', public: true, author_id: -1 }]))).toMatchObject([{ type: 'automated_message' }]);
  });

  it("records who changed the priority: the customer's claim or the responder's call, a trigger counting as the team", () => {
    const byCustomer = item(900, 'Web form', [{ id: 9, event_type: 'Change', priority: 'high', previous_value: 'normal' }]);
    const byAgent = item(901, 'Web form', [{ id: 10, event_type: 'Change', priority: 'low', previous_value: 'high' }]);
    const byTrigger = item(900, 'Mail', [{ id: 11, event_type: 'Change', via: 'Rule', priority: 'urgent', previous_value: 'high' }]);
    expect(map(byCustomer)).toMatchObject([{ type: 'severity_change', severity: 'P2', setBy: 'customer' }]);
    expect(map(byAgent)).toMatchObject([{ type: 'severity_change', severity: 'P4', setBy: 'responder' }]);
    expect(map(byTrigger)).toMatchObject([{ type: 'severity_change', severity: 'P1', setBy: 'responder' }]);
  });

  it('reads tag changes as the full set and skips the export-only "deleted" status', () => {
    const tags = item(901, 'Web form', [{ id: 12, event_type: 'Change', tags: ['api', 'upstream'], added_tags: ['upstream'], removed_tags: [] }]);
    expect(map(tags)).toMatchObject([{ type: 'tags_change', tags: ['api', 'upstream'] }]);
    expect(map(item(901, 'Web form', [{ id: 13, event_type: 'Change', status: 'deleted', previous_value: 'open' }]))).toEqual([]);
  });
});
