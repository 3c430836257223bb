import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import {
  ZendeskAudit,
  ZendeskAuditsPage,
  ZendeskComment,
  ZendeskCommentsPage,
  ZendeskCursorMeta,
  ZendeskErrorBody,
  ZendeskMe,
  ZendeskOrganization,
  ZendeskOrganizationsPage,
  ZendeskTicket,
  ZendeskTicketEnvelope,
  ZendeskUser,
  ZendeskUsersPage,
} from '../../../main/core/connectors/zendesk/zendesk-payloads.ts';

// Every Zendesk body in ../shared/fixtures/zendesk that the connector could receive, through the schemas it reads
// them with: go-zendesk's GET bodies (mirrors of Zendesk's reference examples) and node-zendesk's recordings of a
// live account (nock; some bodies gzipped as hex), the "Anonymous user" answer to bad credentials included.
const FIXTURES = join(import.meta.dirname, '../../../../shared/fixtures/zendesk');

type Body = Record<string, unknown>;

/** Bodies of endpoints the connector calls, or of the resources it reads from them, and what must parse in each. */
const IN_SCOPE: Record<string, (body: Body) => [z.ZodType, unknown][]> = {
  'go-zendesk/GET/ticket.json': (b) => [[ZendeskTicket, b['ticket']]],
  'go-zendesk/GET/tickets.json': (b) => each(ZendeskTicket, b['tickets']),
  // /tickets/show_many.json is not called, but its tickets are the tickets the exports and the search serve.
  'go-zendesk/GET/ticket_show_many.json': (b) => each(ZendeskTicket, b['tickets']),
  // List Search Results (offset paging, not called): its results are what Export Search Results serves.
  'go-zendesk/GET/search_ticket.json': (b) => each(ZendeskTicket, b['results']),
  'go-zendesk/GET/ticket_audit.json': (b) => [[ZendeskAudit, b['audit']]],
  'go-zendesk/GET/ticket_audits.json': (b) => [[ZendeskAuditsPage, b], ...each(ZendeskAudit, b['audits'])],
  'go-zendesk/GET/user.json': (b) => [[ZendeskUser, b['user']], [ZendeskMe, b]],
  'go-zendesk/GET/users.json': (b) => [[ZendeskUsersPage, b], ...each(ZendeskUser, b['users'])],
  'go-zendesk/GET/organization.json': (b) => [[ZendeskOrganization, b['organization']]],
  'go-zendesk/GET/organizations.json': (b) => [[ZendeskOrganizationsPage, b], ...each(ZendeskOrganization, b['organizations'])],
  // An outbox write reads a ticket's comments back before resending, and gets the ticket back from its PUT.
  'go-zendesk/GET/ticket_comments.json': (b) => [[ZendeskCommentsPage, b], ...each(ZendeskComment, b['comments'])],
  'go-zendesk/PUT/ticket.json': (b) => [[ZendeskTicketEnvelope, b]],
  // Creating tickets is not a write the app makes, but the ticket and audit answered are Zendesk's tickets and audits.
  'go-zendesk/POST/ticket.json': (b) => [[ZendeskTicket, b['ticket']], [ZendeskAudit, b['audit']]],
  'node-zendesk/authentication_test_correct_oauthtoken.json': (b) => [[ZendeskMe, b]],
  'node-zendesk/authentication_test_correct_u_token.json': (b) => [[ZendeskMe, b]],
  // The quirk: bad or missing credentials answer 200 with an "Anonymous user" (verify() refuses it).
  'node-zendesk/authentication_test_incorrect_token.json': (b) => [[ZendeskMe, b]],
  'node-zendesk/authentication_test_no_creds.json': (b) => [[ZendeskMe, b]],
  'node-zendesk/organizations_test_show_single.json': (b) => [[ZendeskOrganization, b['organization']]],
  // Refusals' bodies, which the writes' messages quote: a live 404, and the empty one of an unknown subdomain.
  'node-zendesk/organizations_test_delete_not_found_organization.json': (b) => [[ZendeskErrorBody, b]],
  'node-zendesk/authentication_test_incorrect_subdomain.json': (b) => [[ZendeskErrorBody, b]],
  // Cursor pagination as the live account answered it: the meta the search, audits and deleted tickets pages share.
  'node-zendesk/pagination_test_execute.json': (b) => [[ZendeskOrganizationsPage, b], [ZendeskCursorMeta, b['meta']], ...each(ZendeskOrganization, b['organizations'])],
};

/** Bodies the connector never receives, and why. */
const OUT_OF_SCOPE: Record<string, string> = {
  'go-zendesk/GET/groups.json': 'groups are not read',
  'go-zendesk/GET/macro.json': 'macros are the app\'s own, not read from Zendesk',
  'go-zendesk/GET/macros.json': 'macros are the app\'s own, not read from Zendesk',
  'go-zendesk/GET/organization_fields.json': 'field definitions are not read (the plan field is named in the config)',
  'go-zendesk/GET/sla_policies.json': 'SLA policies are the app\'s own (DESIGN §5), and admin-only in Zendesk',
  'go-zendesk/GET/sla_policy.json': 'SLA policies are the app\'s own (DESIGN §5), and admin-only in Zendesk',
  'go-zendesk/GET/tags.json': 'the account\'s tag list is not read; tags come with each ticket',
  'go-zendesk/GET/ticket_fields.json': 'field definitions are not read',
  'go-zendesk/GET/user_fields.json': 'field definitions are not read',
  'go-zendesk/GET/view.json': 'views are not read; the queue is the app\'s',
  'go-zendesk/GET/views.json': 'views are not read; the queue is the app\'s',
  'go-zendesk/PUT/tags.json': 'tags are written with the ticket (additional_tags, remove_tags), not through tags.json',
};

/** Each item of a list (a list's last cursor page may be empty). */
function each(schema: z.ZodType, items: unknown): [z.ZodType, unknown][] {
  expect(Array.isArray(items)).toBe(true);
  return (items as unknown[]).map((item) => [schema, item]);
}

/** The bodies a fixture holds: a go-zendesk body is one; a node-zendesk recording holds one per request. */
function bodiesOf(path: string): Body[] {
  const json: unknown = JSON.parse(readFileSync(join(FIXTURES, path), 'utf8'));
  if (!path.startsWith('node-zendesk/')) return [json as Body];
  return (json as { response: unknown }[]).map(({ response }) =>
    Array.isArray(response) ? (JSON.parse(gunzipSync(Buffer.from(response.join(''), 'hex')).toString('utf8')) as Body) : (response as Body),
  );
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? jsonFiles(join(dir, entry.name)) : entry.name.endsWith('.json') ? [relative(FIXTURES, join(dir, entry.name))] : [],
  );
}

describe('Zendesk fixtures through the connector\'s payload schemas', () => {
  it('sorts every fixture file into the ones the connector can receive and the ones it cannot', () => {
    const files = jsonFiles(FIXTURES).sort();
    expect(files.length).toBeGreaterThan(30);
    expect(files.filter((file) => !(file in IN_SCOPE) && !(file in OUT_OF_SCOPE))).toEqual([]);
    expect(Object.keys(IN_SCOPE).filter((file) => file in OUT_OF_SCOPE)).toEqual([]);
  });

  it.each(Object.keys(IN_SCOPE))('parses %s', (file) => {
    const problems: string[] = [];
    let checked = 0;
    for (const body of bodiesOf(file)) {
      for (const [schema, value] of IN_SCOPE[file]!(body)) {
        const parsed = schema.safeParse(value);
        checked++;
        if (!parsed.success) problems.push(parsed.error.message);
      }
    }
    expect(checked).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });
});
