// Help Scout conversations, customers and organizations as the store's tickets, people and organizations.
import { describe, expect, it } from 'vitest';
import {
  latestTraceOf,
  mapHelpScoutConversation,
  mapHelpScoutCustomer,
  mapHelpScoutOrganization,
  severityOfTags,
} from '../../../main/core/connectors/helpscout/helpscout-mapping.ts';
import { publishedThreadsOldestFirst } from '../../../main/core/connectors/helpscout/helpscout-history.ts';
import {
  HelpScoutConversation,
  HelpScoutCustomer,
  HelpScoutOrganization,
  HelpScoutThread,
} from '../../../main/core/connectors/helpscout/helpscout-payloads.ts';

// After Help Scout's Get Conversation example, as the simulator serves it.
const raw = {
  id: 2760000003,
  number: 10001,
  threads: 3,
  type: 'email',
  folderId: 3120014,
  status: 'pending',
  state: 'published',
  subject: 'Invalid API key after rotating keys',
  preview: 'Thanks, that fixed it',
  mailboxId: 312001,
  assignee: { id: 610014, type: 'user', first: 'Morgan', last: 'Ellis', email: 'morgan@demo.test' },
  createdBy: { id: 480000005, type: 'customer', first: 'Ada', last: 'Okafor', email: 'ada@acme.test' },
  createdAt: '2026-11-16T09:00:00Z',
  closedBy: 0,
  closedByUser: { id: 0, type: 'user', first: 'unknown', last: 'unknown', email: 'unknown' },
  userUpdatedAt: '2026-11-16T09:30:00Z',
  customerWaitingSince: { time: '2026-11-16T09:30:00Z', friendly: '2 hours ago', latestReplyFrom: 'user' },
  source: { type: 'email', via: 'customer' },
  tags: [{ id: 1, color: '#e52f28', tag: 'P1' }, { id: 2, color: '#929499', tag: 'Auth' }, { id: 3, color: '#929499', tag: 'p3' }],
  cc: [],
  bcc: [],
  primaryCustomer: { id: 480000005, type: 'customer', first: 'Ada', last: 'Okafor', email: 'ada@acme.test' },
  customFields: [],
  _embedded: {
    threads: [
      { id: 276000000302, type: 'lineitem', status: 'nochange', state: 'published', createdBy: { id: 610014, type: 'user' }, createdAt: '2026-11-16T10:45:12Z', action: { type: 'default', text: 'Assigned to Morgan Ellis' } },
      { id: 276000000301, type: 'message', status: 'pending', state: 'published', createdBy: { id: 610014, type: 'user' }, createdAt: '2026-11-16T09:30:00Z', body: '<p>Could you send a request id?</p>' },
      { id: 276000000300, type: 'customer', status: 'active', state: 'published', createdBy: { id: 480000005, type: 'customer' }, createdAt: '2026-11-16T09:00:00Z', body: '<div dir="ltr"><p>Every call returns 401 &amp; &quot;invalid_key&quot;<br>since 09:00</p>\n<pre><code>curl -H &#39;Authorization: sk_live_1&#39;</code></pre></div>' },
    ],
  },
  _links: { web: { href: 'https://secure.helpscout.net/conversation/2760000003/10001/' } },
};

function parse(overrides: object = {}) {
  const conversation = HelpScoutConversation.parse({ ...raw, ...overrides });
  const threads = publishedThreadsOldestFirst((conversation._embedded?.threads ?? []).map((t) => HelpScoutThread.parse(t)));
  return { conversation, threads };
}

describe('a Help Scout conversation as a ticket', () => {
  it('maps the contract fields: status, severity from the most urgent p-tag in any case, customer, assignee, times', () => {
    const { conversation, threads } = parse();
    const ticket = mapHelpScoutConversation(conversation, { threads, organizationId: '7000001', webBase: 'https://secure.helpscout.net' }, raw);
    expect(ticket).toEqual({
      sourceId: '2760000003',
      subject: 'Invalid API key after rotating keys',
      description: 'Every call returns 401 & "invalid_key"\nsince 09:00\n\ncurl -H \'Authorization: sk_live_1\'',
      status: 'pending',
      deleted: false,
      severity: 'P1',
      requesterId: '480000005',
      organizationId: '7000001',
      assigneeId: 'user:610014',
      tags: ['auth', 'p1', 'p3'],
      createdAt: '2026-11-16T09:00:00Z',
      // The assignment line item is the latest trace: later than userUpdatedAt.
      updatedAt: '2026-11-16T10:45:12Z',
      url: 'https://secure.helpscout.net/conversation/2760000003',
      raw,
    });
  });

  it.each([
    ['active', 'open', false],
    ['pending', 'pending', false],
    ['closed', 'closed', false],
    ['spam', 'closed', true],
  ])('maps status %s to %s (deleted: %s)', (status, expected, deleted) => {
    const { conversation, threads } = parse({ status });
    expect(mapHelpScoutConversation(conversation, { threads, organizationId: null, webBase: null }, raw)).toMatchObject({ status: expected, deleted, url: null });
  });

  it('rejects the records a broken upstream sends, naming the fields', () => {
    const broken = HelpScoutConversation.safeParse({ ...raw, status: null, createdAt: 'yesterday', primaryCustomer: 'unknown', tags: 'P1' });
    expect(broken.success).toBe(false);
    expect(broken.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['createdAt', 'primaryCustomer', 'status', 'tags']);
  });

  it('finds severities only in whole p1-p4 tags', () => {
    expect(severityOfTags(['P4', 'p2', 'billing'])).toBe('P2');
    expect(severityOfTags(['p5', 'p1x', 'sp1'])).toBeNull();
    expect(severityOfTags([])).toBeNull();
  });

  it("takes the latest trace from the conversation's own stamps and its threads", () => {
    const { conversation, threads } = parse({ closedAt: '2026-11-17T08:00:00Z' });
    expect(new Date(latestTraceOf(conversation, threads)).toISOString()).toBe('2026-11-17T08:00:00.000Z');
  });
});

describe('Help Scout customers and organizations', () => {
  it('maps a customer with their email and organization', () => {
    const body = {
      id: 480000005,
      firstName: 'Ada',
      lastName: 'Okafor',
      organization: 'Acme Cloud Inc.',
      organizationId: 7000001,
      updatedAt: '2026-10-01T12:00:00Z',
      _embedded: { emails: [{ id: 1, value: 'ada@acme.test', type: 'work' }], phones: [] },
    };
    expect(mapHelpScoutCustomer(HelpScoutCustomer.parse(body), body)).toEqual({
      sourceId: '480000005',
      name: 'Ada Okafor',
      email: 'ada@acme.test',
      role: 'end-user',
      organizationId: '7000001',
      updatedAt: '2026-10-01T12:00:00Z',
      raw: body,
    });
  });

  it('reads the plan from the organization property, as a tier name when it is one', () => {
    const org = (value: unknown) => {
      const body = { id: 7000001, name: 'Acme Cloud Inc.', updatedAt: '2026-10-01T12:00:00Z', properties: [{ slug: 'customer-id', value: 'cus_1' }, { slug: 'plan', name: 'Plan', value }] };
      return mapHelpScoutOrganization(HelpScoutOrganization.parse(body), body).plan;
    };
    expect(org('Enterprise')).toBe('enterprise');
    expect(org(' Growth ')).toBe('growth');
    expect(org('Legacy Gold')).toBe('Legacy Gold');
    expect(org('')).toBeNull();
    expect(mapHelpScoutOrganization(HelpScoutOrganization.parse({ id: 7000001, name: 'No properties' }), {}).plan).toBeNull();
  });
});
