import { describe, expect, it } from 'vitest';
import { deletedZendeskTicket, mapZendeskTicket } from '../../../main/core/connectors/zendesk/zendesk-mapping.ts';
import { instantOf, ZendeskCustomStatus, ZendeskDeletedTicket, ZendeskTicket } from '../../../main/core/connectors/zendesk/zendesk-payloads.ts';

const BASE = 'https://acme.zendesk.com';
const ticket = (fields: Record<string, unknown>) =>
  ZendeskTicket.parse({ id: 7, status: 'open', created_at: '2026-11-20T09:00:00Z', updated_at: '2026-11-20T10:00:00Z', ...fields });
const statuses = new Map(
  [
    { id: 11, status_category: 'pending', agent_label: 'Awaiting customer logs' },
    { id: 12, status_category: 'hold', agent_label: 'Waiting on engineering' },
  ].map((raw) => [raw.id, ZendeskCustomStatus.parse(raw)]),
);

describe('Zendesk custom statuses', () => {
  it('counts a ticket in its custom status category', () => {
    expect(mapZendeskTicket(ticket({ status: 'open', custom_status_id: 11 }), BASE, {}, statuses).status).toBe('pending');
    expect(mapZendeskTicket(ticket({ status: 'hold', custom_status_id: 12 }), BASE, {}, statuses).status).toBe('hold');
  });

  it('keeps closed tickets closed (they count in the solved category) and deleted ones closed and deleted', () => {
    expect(mapZendeskTicket(ticket({ status: 'closed', custom_status_id: 11 }), BASE, {}, statuses).status).toBe('closed');
    expect(mapZendeskTicket(ticket({ status: 'deleted', custom_status_id: 11 }), BASE, {}, statuses)).toMatchObject({ status: 'closed', deleted: true });
  });

  it("keeps the ticket's own status for a custom status the list does not name, or without custom statuses", () => {
    expect(mapZendeskTicket(ticket({ status: 'pending', custom_status_id: 99 }), BASE, {}, statuses).status).toBe('pending');
    expect(mapZendeskTicket(ticket({ status: 'solved' }), BASE, {}).status).toBe('solved');
  });
});

describe('Zendesk deleted tickets', () => {
  it('reads deleted_at in the extended and in the basic ISO 8601 form', () => {
    expect(instantOf('2014-07-04T15:37:04Z')).toBe(Date.UTC(2014, 6, 4, 15, 37, 4));
    expect(instantOf('20140704T15:37:04Z')).toBe(Date.UTC(2014, 6, 4, 15, 37, 4));
    expect(instantOf('yesterday')).toBeNull();
    expect(ZendeskDeletedTicket.safeParse({ id: 581, deleted_at: 'soon' }).success).toBe(false);
  });

  it('keeps a deleted ticket as deleted, dated by its deletion', () => {
    const item = ZendeskDeletedTicket.parse({ id: 581, subject: 'Wombat Party', deleted_at: '20140704T15:37:04Z', previous_state: 'open' });
    expect(deletedZendeskTicket(item, BASE, item)).toMatchObject({
      sourceId: '581',
      subject: 'Wombat Party',
      deleted: true,
      updatedAt: '2014-07-04T15:37:04Z',
      url: `${BASE}/agent/tickets/581`,
    });
  });
});
