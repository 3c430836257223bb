// Intercom conversations, contacts and companies as the store's tickets, people and organizations: Intercom's own
// examples (2.16) where the spec has them, and what they leave out.
import { describe, expect, it } from 'vitest';
import {
  inboxBaseUrl,
  mapIntercomCompany,
  mapIntercomContact,
  mapIntercomConversation,
} from '../../../main/core/connectors/intercom/intercom-mapping.ts';
import { IntercomCompany, IntercomContact, IntercomConversation, IntercomMe } from '../../../main/core/connectors/intercom/intercom-payloads.ts';
import { haveSpec, loadOpenApi } from '../../support/intercom-simulator-openapi.ts';

describe.skipIf(!haveSpec)("Intercom's own examples", () => {
  const spec = haveSpec ? loadOpenApi() : null;

  it('maps GET /conversations/{id}: closed, no priority, the contact as requester, an assignee, Unix seconds as UTC', () => {
    const raw = spec!.example('/conversations/{conversation_id}', 'get');
    const ticket = mapIntercomConversation(IntercomConversation.parse(raw), null, raw);
    expect(ticket).toMatchObject({
      sourceId: '503',
      // No title, no email subject: the first message's text.
      subject: 'this is the message body',
      description: 'this is the message body',
      status: 'closed',
      deleted: false,
      severity: null,
      requesterId: '6762f1261bb69f9f2193bba7',
      organizationId: null,
      assigneeId: '991267715',
      tags: ['Test tag'],
      createdAt: '2024-12-18T15:58:31Z',
      updatedAt: '2024-12-18T15:58:31Z',
      url: null,
    });
  });

  it('maps a contact with its role and a company whose plan is empty', () => {
    const contact = spec!.example('/contacts/{contact_id}', 'get');
    expect(mapIntercomContact(IntercomContact.parse(contact), contact)).toMatchObject({
      sourceId: '6762f0d01bb69f9f2193bb7d',
      name: 'Joe Bloggs',
      email: 'joe@bloggs.com',
      role: 'user',
      organizationId: null,
    });
    const company = spec!.example('/companies/{company_id}', 'get');
    expect(mapIntercomCompany(IntercomCompany.parse(company), company)).toMatchObject({
      sourceId: '6762f07f1bb69f9f2193baf5',
      name: 'company1',
      plan: null,
      updatedAt: '2024-12-18T15:55:43Z',
    });
  });

  it('reads the admin and the workspace id from /me', () => {
    expect(IntercomMe.parse(spec!.example('/me', 'get'))).toMatchObject({ type: 'admin', id: '991267459', app: { id_code: expect.any(String) } });
  });
});

describe('Intercom mapping', () => {
  const conversation = (overrides: Record<string, unknown>) =>
    IntercomConversation.parse({
      id: '77',
      created_at: 1_709_722_800,
      updated_at: 1_709_726_400,
      state: 'snoozed',
      priority: 'medium',
      admin_assignee_id: 0,
      source: { subject: '', body: '' },
      company: { type: 'company', id: '65f0c0ffee00000000000c01', name: 'Acme', plan: { name: 'Growth' } },
      conversation_parts: { conversation_parts: [] },
      ...overrides,
    });

  it('prefers the title, then the email subject, then the start of the first message', () => {
    const body = `<p>We call <code>/v2/posts</code> &amp; get 503s &#8212; ${'every time '.repeat(10)}</p>`;
    expect(mapIntercomConversation(conversation({ title: ' Webhooks down ', source: { subject: 'x', body } }), null, {}).subject).toBe('Webhooks down');
    expect(mapIntercomConversation(conversation({ source: { subject: '<p>Re: 503 &lt;EU&gt;</p>', body } }), null, {}).subject).toBe('Re: 503 <EU>');
    const fromBody = mapIntercomConversation(conversation({ source: { subject: '', body } }), null, {}).subject;
    expect(fromBody).toMatch(/^We call \/v2\/posts & get 503s — every time every time .*…$/);
    expect(fromBody.length).toBeLessThanOrEqual(80);
  });

  it('reads snoozed as pending, medium as P3, nobody assigned as 0, and the company the conversation names', () => {
    expect(mapIntercomConversation(conversation({}), null, {})).toMatchObject({ status: 'pending', severity: 'P3', assigneeId: null, organizationId: '65f0c0ffee00000000000c01' });
  });

  it("links to the teammate inbox of the workspace's region, and to nothing for a simulator", () => {
    expect(inboxBaseUrl('https://api.intercom.io', 'abc123')).toBe('https://app.intercom.com/a/inbox/abc123/inbox/conversation/');
    expect(inboxBaseUrl('https://api.eu.intercom.io/', 'abc123')).toBe('https://app.eu.intercom.com/a/inbox/abc123/inbox/conversation/');
    expect(inboxBaseUrl('https://api.au.intercom.io', 'abc123')).toBe('https://app.au.intercom.com/a/inbox/abc123/inbox/conversation/');
    expect(inboxBaseUrl('http://127.0.0.1:4567', 'abc123')).toBeNull();
    expect(inboxBaseUrl('https://api.intercom.io', null)).toBeNull();
    const ticket = mapIntercomConversation(conversation({}), inboxBaseUrl('https://api.intercom.io', 'abc123'), {});
    expect(ticket.url).toBe('https://app.intercom.com/a/inbox/abc123/inbox/conversation/77');
  });

  it('rejects the two-level priority of versions before 2.16, so a wrong version header cannot pass unnoticed', () => {
    const result = IntercomConversation.safeParse({ ...conversation({}), priority: 'priority' });
    expect(result.success).toBe(false);
  });
});
