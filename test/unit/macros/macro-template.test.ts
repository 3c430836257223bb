import { describe, expect, it } from 'vitest';
import { LocalMacros, Macro, macroAppliesTo } from '../../../shared/macros/macro.ts';
import { macroFieldChanges } from '../../../shared/macros/macro-changes.ts';
import { macroContextOf } from '../../../shared/macros/macro-context.ts';
import { MACRO_PLACEHOLDERS, renderMacroTemplate } from '../../../shared/macros/macro-template.ts';
import { STARTER_MACROS } from '../../../shared/macros/starter-macros.ts';
import { ticketDetail } from '../../support/ticket-fixtures.ts';

// 2026-11-24T13:00:00Z: 14:00 in Berlin, 08:00 in New York.
const DUE = Date.UTC(2026, 10, 24, 13, 0, 0) / 1000;

const ticket = ticketDetail({
  accountId: 'acme',
  sourceId: '4711',
  subject: 'Upstream timeout on /post-detail/',
  severity: 'P2',
  tags: ['api', 'timeout'],
  requester: { name: 'Ada Lovelace', email: 'ada@example.test' },
  organization: { name: 'Analytical Engines', plan: 'Growth', tier: 'growth' },
  assignee: { name: 'Grace Hopper' },
  url: 'https://acme.zendesk.com/agent/tickets/4711',
  me: { name: 'Grace Hopper', email: 'grace@acme.test' },
  sla: [
    {
      metric: 'nextResponse',
      startedAt: DUE - 4 * 3600,
      stoppedAt: null,
      dueAt: DUE,
      targetSeconds: 4 * 3600,
      riskWindowSeconds: 3600,
      governedBy: { source: 'severity', rule: 'P2', calendarName: 'business' },
      severityUsed: 'P2',
      pauses: [],
      pause: null,
    },
  ],
});
const agent = { name: 'Grace Hopper', email: 'grace@acme.test' };

describe('macro placeholders', () => {
  const context = macroContextOf(ticket, agent, 'Europe/Berlin');

  it('fills every whitelisted placeholder it has a value for', () => {
    const rendered = renderMacroTemplate('Hi {{requester.first_name}}, ({{ customer.plan }}) #{{ticket.id}} — {{agent.first_name}}', context);
    expect(rendered.errors).toEqual([]);
    expect(rendered.text).toBe('Hi Ada, (Growth) #4711 — Grace');
  });

  it("writes dues in the customer's zone, and in UTC saying so when the zone is unknown", () => {
    expect(renderMacroTemplate('by {{sla.next_response.due}}', context).text).toBe('by Tue 24 Nov 2026, 14:00 Berlin time');
    expect(renderMacroTemplate('by {{sla.next_response.due}}', macroContextOf(ticket, agent, 'America/New_York')).text).toBe('by Tue 24 Nov 2026, 08:00 New York time');
    expect(renderMacroTemplate('by {{sla.next_response.due}}', macroContextOf(ticket, agent, 'Not/AZone')).text).toBe('by Tue 24 Nov 2026, 13:00 UTC');
  });

  it('refuses an unknown placeholder, naming it, where it is and the likely one meant; nothing to send', () => {
    const rendered = renderMacroTemplate('Hi {{requester.firstname}},\nplan {{customer.tier}}', context);
    expect(rendered.text).toBeNull();
    expect(rendered.errors).toEqual([
      'line 1, column 4: unknown placeholder {{requester.firstname}} (did you mean {{requester.first_name}}?)',
      'line 2, column 6: unknown placeholder {{customer.tier}}',
    ]);
    expect(rendered.segments.filter((segment) => segment.kind === 'error')).toHaveLength(2);
  });

  it('has no logic: sections, partials and filters are errors, and an unclosed brace is one', () => {
    for (const template of ['{{#requester.name}}x{{/requester.name}}', '{{> partial}}', '{{requester.name | upcase}}', 'Hi {{requester.name']) {
      const rendered = renderMacroTemplate(template, context);
      expect(rendered.text, template).toBeNull();
      expect(rendered.errors.length, template).toBeGreaterThan(0);
    }
  });

  it('refuses a known placeholder without a value rather than sending a hole', () => {
    const orphan = macroContextOf({ ...ticket, organization: null, requester: { name: 'ada@example.test', email: 'ada@example.test' }, sla: [] }, null, null);
    const rendered = renderMacroTemplate('Hi {{requester.first_name}} {{customer.plan}} {{sla.first_response.due}} {{agent.name}}', orphan);
    expect(rendered.text).toBeNull();
    expect(rendered.errors).toHaveLength(4);
    expect(rendered.errors[0]).toBe('line 1, column 4: {{requester.first_name}} has no value for this ticket');
  });

  it('inserts values as text: a value that looks like a placeholder or HTML is not read again', () => {
    const hostile = macroContextOf({ ...ticket, requester: { name: '{{agent.email}} <img src=x onerror=alert(1)>', email: 'x@y.test' } }, agent, null);
    expect(renderMacroTemplate('{{requester.name}}', hostile).text).toBe('{{agent.email}} <img src=x onerror=alert(1)>');
  });

  it('lists a description for every placeholder the context fills', () => {
    expect(Object.keys(context).sort()).toEqual(Object.keys(MACRO_PLACEHOLDERS).sort());
  });
});

describe('macro field changes', () => {
  it('lists only what changes, later actions winning', () => {
    const macro = Macro.parse({
      id: 'm',
      title: 'm',
      actions: [
        { field: 'status', value: 'solved' },
        { field: 'status', value: 'pending' },
        { field: 'severity', value: 'P2' },
        { field: 'assignee', value: 'me' },
        { field: 'tags', op: 'add', values: ['upstream', 'api'] },
        { field: 'tags', op: 'remove', values: ['timeout'] },
      ],
    });
    expect(macroFieldChanges(macro, ticket, 'Grace Hopper')).toEqual([
      { field: 'status', from: 'open', to: 'pending' },
      { field: 'tags', from: ['api', 'timeout'], to: ['api', 'upstream'], added: ['upstream'], removed: ['timeout'] },
    ]);
    expect(macroFieldChanges(Macro.parse({ id: 'n', title: 'n', actions: [{ field: 'assignee', value: 'nobody' }] }), ticket, 'Grace Hopper')).toEqual([
      { field: 'assignee', from: 'Grace Hopper', to: null },
    ]);
  });
});

describe('the starter macros', () => {
  it('are valid local macros whose templates fill for an ordinary ticket', () => {
    const macros = LocalMacros.parse(STARTER_MACROS);
    expect(macros.map((macro) => macro.shortcut)).toEqual(['1', '2', '3', '4']);
    const context = macroContextOf(ticket, agent, 'Europe/Berlin');
    for (const macro of macros) {
      expect(renderMacroTemplate(macro.body, context).errors, macro.id).toEqual([]);
      for (const action of macro.actions) if (action.field === 'note') expect(renderMacroTemplate(action.body, context).errors, macro.id).toEqual([]);
    }
  });

  it('refuse a quick slot or an id used twice', () => {
    const twice = LocalMacros.safeParse([STARTER_MACROS[0], { ...STARTER_MACROS[1], id: STARTER_MACROS[0]!.id, shortcut: '1' }]);
    expect(twice.success).toBe(false);
    expect(twice.error?.issues.map((issue) => issue.message)).toEqual(['"api-key-header" is used twice', 'slot 1 is already "api-key-header"\'s']);
  });
});

describe('where a macro applies', () => {
  it("applies a local macro everywhere and a helpdesk's only to its own account's tickets", () => {
    const local = Macro.parse({ id: 'local', title: 'Local' });
    const imported = Macro.parse({ id: 'zendesk:acme:25', title: 'Close and Save', source: 'zendesk', accountId: 'acme' });
    expect(macroAppliesTo(local, ['acme', 'hs'])).toBe(true);
    expect(macroAppliesTo(imported, ['acme', 'acme'])).toBe(true);
    expect(macroAppliesTo(imported, ['acme', 'hs'])).toBe(false);
    expect(macroAppliesTo(imported, ['hs'])).toBe(false);
  });
});
