import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mapZendeskMacro, readZendeskMacros, translateZendeskTemplate, ZendeskMacro } from '../../../main/core/connectors/zendesk/zendesk-macros.ts';
import { HelpdeskHttpError } from '../../../main/core/sync/helpdesk-http.ts';
import { renderMacroTemplate } from '../../../shared/macros/macro-template.ts';

// Zendesk's macros (go-zendesk's recorded payloads and Zendesk's action shapes) as the app's read-only macros.
const FIXTURES = join(import.meta.dirname, '../../../../shared/fixtures/zendesk/go-zendesk/GET');
const fixture = (name: string): unknown => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));
const API = 'https://acme.zendesk.com/api/v2';

describe('Zendesk macros', () => {
  it('maps the recorded macro: status, priority, assignee, reply; names what it cannot apply in the title', () => {
    const { macro } = fixture('macro.json') as { macro: unknown };
    expect(mapZendeskMacro(ZendeskMacro.parse(macro), 'acme-zd')).toEqual({
      id: 'zendesk:acme-zd:360111062754',
      title: 'Close and redirect to topics (not imported: type, group_id)',
      body: 'Thanks for your request. This issue you reported is a known issue. For more information, please visit our forums.',
      actions: [
        { field: 'status', value: 'solved' },
        { field: 'severity', value: 'P3' },
        { field: 'assignee', value: 'me' },
      ],
      after: 'stay',
      source: 'zendesk',
      accountId: 'acme-zd',
    });
  });

  it('leaves out the recorded list\'s macros, which carry no action the app can apply', async () => {
    const macros = await readZendeskMacros({ accountId: 'acme-zd', apiBase: API, get: async () => fixture('macros.json') });
    expect(macros).toEqual([]);
  });

  it('makes a private comment a note, tags added and removed, the HTML comment text', () => {
    const macro = ZendeskMacro.parse({
      id: 7,
      title: 'Escalate',
      actions: [
        { field: 'comment_mode_is_public', value: 'false' },
        { field: 'comment_value', value: ['channel:all', 'plain version'] },
        { field: 'comment_value_html', value: '<p>Escalating for {{ticket.requester.name}}:</p><p>impact&nbsp;confirmed</p>' },
        { field: 'current_tags', value: 'escalated api' },
        { field: 'set_tags', value: ['api', 'p1'] },
        { field: 'remove_tags', value: 'waiting' },
        { field: 'assignee_id', value: '' },
        { field: 'priority', value: 'urgent' },
      ],
    });
    expect(mapZendeskMacro(macro, 'acme-zd')).toMatchObject({
      title: 'Escalate',
      body: '',
      actions: [
        { field: 'assignee', value: 'nobody' },
        { field: 'severity', value: 'P1' },
        { field: 'tags', op: 'add', values: ['escalated', 'api', 'p1'] },
        { field: 'tags', op: 'remove', values: ['waiting'] },
        { field: 'note', body: 'Escalating for {{requester.name}}:\n\nimpact confirmed' },
      ],
    });
  });

  it('translates the placeholders it knows, and leaves the others and Liquid tags for the preview to refuse', () => {
    const zendesk =
      'Hi {{ticket.requester.first_name}} ({{ ticket.requester.email }}), #{{ticket.id}} "{{ticket.title}}" at {{ticket.organization.name}}. ' +
      '{% if ticket.requester.name %}x{% endif %} {{ticket.requester.first_name | capitalize}} {{dc.signature}} — {{current_user.first_name}}';
    const ours = translateZendeskTemplate(zendesk);
    expect(ours).toBe(
      'Hi {{requester.first_name}} ({{requester.email}}), #{{ticket.id}} "{{ticket.subject}}" at {{customer.organization}}. ' +
        '{{% if ticket.requester.name %}}x{{% endif %}} {{ticket.requester.first_name | capitalize}} {{dc.signature}} — {{agent.first_name}}',
    );
    const context = Object.fromEntries(['requester.first_name', 'requester.email', 'ticket.id', 'ticket.subject', 'customer.organization', 'agent.first_name'].map((k) => [k, 'v']));
    const rendered = renderMacroTemplate(ours, context as Parameters<typeof renderMacroTemplate>[1]);
    expect(rendered.text).toBeNull();
    expect(rendered.errors.map((error) => error.replace(/^line 1, column \d+: /, ''))).toEqual([
      '{{% if ticket.requester.name %}} is not a placeholder: macros have no logic, only {{name}} values',
      '{{% endif %}} is not a placeholder: macros have no logic, only {{name}} values',
      '{{ticket.requester.first_name | capitalize}} is not a placeholder: macros have no logic, only {{name}} values',
      'unknown placeholder {{dc.signature}}',
    ]);
  });

  it('follows next_page on the same API, and has none when the user may not list them', async () => {
    const asked: string[] = [];
    const page = (id: number, next: string | null): unknown => ({ macros: [{ id, title: `M${id}`, actions: [{ field: 'status', value: 'open' }] }], next_page: next });
    const macros = await readZendeskMacros({
      accountId: 'acme-zd',
      apiBase: API,
      get: async (path) => {
        asked.push(path);
        return path.includes('page=2') ? page(2, null) : page(1, `${API}/macros/active.json?page=2&per_page=100`);
      },
    });
    expect(asked).toEqual(['/macros/active.json?per_page=100', '/macros/active.json?page=2&per_page=100']);
    expect(macros.map((macro) => macro.id)).toEqual(['zendesk:acme-zd:1', 'zendesk:acme-zd:2']);

    const elsewhere = readZendeskMacros({ accountId: 'acme-zd', apiBase: API, get: async () => page(1, 'https://evil.test/api/v2/macros/active.json?page=2') });
    await expect(elsewhere).rejects.toThrow('account "acme-zd": Zendesk\'s next macros page https://evil.test/api/v2/macros/active.json?page=2 is not on https://acme.zendesk.com/api/v2');
    const forbidden = readZendeskMacros({ accountId: 'acme-zd', apiBase: API, get: () => Promise.reject(new HelpdeskHttpError(403, '{"error":"Forbidden"}', 'GET /macros')) });
    await expect(forbidden).resolves.toEqual([]);
    await expect(readZendeskMacros({ accountId: 'acme-zd', apiBase: API, get: async () => ({ macro: [] }) })).rejects.toThrow(
      'account "acme-zd": unexpected Zendesk macros page: macros:',
    );
  });
});
