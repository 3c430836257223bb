import { describe, expect, it } from 'vitest';
import type { TicketDetail } from '../../../shared/domain/ticket-detail.ts';
import { LocalMacros, Macro, type MacroInput } from '../../../shared/macros/macro.ts';
import { STARTER_MACROS } from '../../../shared/macros/starter-macros.ts';
import { planMacro, type TicketLoad } from '../../../renderer/macros/macro-plan.ts';
import { previewMacro } from '../../../renderer/macros/macro-preview.ts';
import { ticketDetail } from '../../support/ticket-fixtures.ts';

const DUE = Date.UTC(2026, 10, 24, 13, 0, 0) / 1000;

const ticket = ticketDetail({
  accountId: 'hs',
  sourceId: '812',
  subject: '429 on /userinfo-by-username/',
  severity: 'P3',
  tags: ['api'],
  requester: { name: 'Ada Lovelace', email: 'ada@example.test' },
  organization: { name: 'Analytical Engines', plan: null, tier: null },
  me: { name: 'Grace Hopper', email: 'grace@acme.test' },
  sla: [
    {
      metric: 'nextResponse',
      startedAt: DUE - 3600,
      stoppedAt: null,
      dueAt: DUE,
      targetSeconds: 3600,
      riskWindowSeconds: 900,
      governedBy: { source: 'severity', rule: 'P3', calendarName: 'business' },
      severityUsed: 'P3',
      pauses: [],
      pause: null,
    },
  ],
});

const starter = (id: string): Macro => LocalMacros.parse(STARTER_MACROS).find((macro) => macro.id === id)!;
const macro = (input: Omit<MacroInput, 'id' | 'title'>): Macro => Macro.parse({ id: 'm', title: 'M', ...input });

describe('a macro previewed on one ticket', () => {
  it('fills the reply for the ticket and queues it with the field changes that differ', () => {
    const preview = previewMacro(starter('api-key-header'), ticket);
    expect(preview.errors).toEqual([]);
    expect(preview.reply!.text).toMatch(/^Hi Ada,\n\nEvery request needs your API key in the X-Api-Key header/);
    expect(preview.reply!.text).toMatch(/\n\nGrace$/);
    expect(preview.changes).toEqual([
      { field: 'status', from: 'open', to: 'pending' },
      { field: 'tags', from: ['api'], to: ['api', 'auth', 'how-to'], added: ['auth', 'how-to'], removed: [] },
    ]);
    expect(preview.writes).toEqual([{ comment: { body: preview.reply!.text, public: true }, changes: { status: 'pending', addTags: ['auth', 'how-to'] } }]);
  });

  it('shows an error in place and queues nothing while a placeholder has no value for this ticket', () => {
    const preview = previewMacro(starter('rate-limit-explained'), ticket);
    expect(preview.writes).toBeNull();
    expect(preview.errors).toEqual(['Reply, line 3, column 94: {{customer.plan}} has no value for this ticket']);
    expect(preview.reply!.segments).toContainEqual({ kind: 'error', source: '{{customer.plan}}', message: '{{customer.plan}} has no value for this ticket' });
    // The field changes still show: the engineer sees all of what the macro would do.
    expect(preview.changes.map((change) => change.field)).toEqual(['status', 'tags']);
  });

  it('names the note when its template is wrong, with the placeholder it probably meant', () => {
    const preview = previewMacro(macro({ body: 'Thanks', actions: [{ field: 'note', body: 'Told {{requester.firstname}}' }] }), ticket);
    expect(preview.writes).toBeNull();
    expect(preview.errors).toEqual(['Note, line 1, column 6: unknown placeholder {{requester.firstname}} (did you mean {{requester.first_name}}?)']);
  });

  it('sends the reply with the changes, then the internal note on its own (one comment per write)', () => {
    const preview = previewMacro(starter('upstream-incident'), ticket);
    expect(preview.errors).toEqual([]);
    expect(preview.writes).toEqual([
      { comment: { body: preview.reply!.text, public: true }, changes: { addTags: ['upstream'] } },
      { comment: { body: 'Upstream incident acknowledged to Ada Lovelace; the upstream tag pauses the resolution clock.', public: false }, changes: null },
    ]);
    expect(preview.reply!.text).toContain('We will answer again by Tue 24 Nov 2026, 13:00 UTC at the latest.');
  });

  it('carries the changes on the note when there is no reply, and on nothing when there is neither', () => {
    const noted = previewMacro(macro({ actions: [{ field: 'note', body: 'Escalated' }, { field: 'severity', value: 'P1' }] }), ticket);
    expect(noted.writes).toEqual([{ comment: { body: 'Escalated', public: false }, changes: { severity: 'P1' } }]);
    const fields = previewMacro(macro({ actions: [{ field: 'assignee', value: 'me' }, { field: 'tags', op: 'remove', values: ['api'] }] }), ticket);
    expect(fields.changes).toEqual([
      { field: 'assignee', from: null, to: 'Grace Hopper' },
      { field: 'tags', from: ['api'], to: [], added: [], removed: ['api'] },
    ]);
    expect(fields.writes).toEqual([{ comment: null, changes: { assignee: 'me', removeTags: ['api'] } }]);
  });

  it('has nothing to apply when the ticket already has every change and there is no text', () => {
    const preview = previewMacro(macro({ actions: [{ field: 'status', value: 'open' }, { field: 'tags', op: 'add', values: ['api'] }] }), ticket);
    expect(preview.writes).toBeNull();
    expect(preview.errors).toEqual(['Nothing to apply: the ticket already has every change this macro makes']);
  });

  it('unassigns with "nobody" and leaves out an assignment that is already so', () => {
    const mine = { ...ticket, assignee: { name: 'Grace Hopper' } };
    expect(previewMacro(macro({ body: 'Hi', actions: [{ field: 'assignee', value: 'me' }] }), mine).writes).toEqual([{ comment: { body: 'Hi', public: true }, changes: null }]);
    expect(previewMacro(macro({ body: 'Hi', actions: [{ field: 'assignee', value: 'nobody' }] }), mine).writes).toEqual([
      { comment: { body: 'Hi', public: true }, changes: { assignee: 'nobody' } },
    ]);
  });
});

describe('a macro over picked tickets', () => {
  it('renders it for each ticket from its own detail, and lists the tickets it cannot fill as skipped', () => {
    const other: TicketDetail = { ...ticket, sourceId: '813', requester: { name: 'Linus Pauling', email: 'linus@example.test' }, organization: { name: 'Chem', plan: 'Growth', tier: 'growth' } };
    const gone = { ...ticket, sourceId: '814' };
    const waiting = { ...ticket, sourceId: '815' };
    const loads = new Map<string, TicketLoad>([
      ['hs:812', { state: 'ready', detail: ticket }],
      ['hs:813', { state: 'ready', detail: other }],
      ['hs:814', { state: 'error', message: 'no longer in the helpdesk' }],
    ]);
    const plan = planMacro(starter('rate-limit-explained'), [ticket, other, gone, waiting], loads);
    expect(plan.ready.map((each) => each.ticket.sourceId)).toEqual(['813']);
    expect(plan.ready[0]!.preview!.writes![0]!.comment!.body).toMatch(/^Hi Linus,\n\nThe 429 "Rate limit exceeded" answers mean the key went over its per-minute allowance on the Growth plan\./);
    expect(plan.skipped.map((each) => [each.ticket.sourceId, each.problem])).toEqual([
      ['812', 'Reply, line 3, column 94: {{customer.plan}} has no value for this ticket'],
      ['814', 'no longer in the helpdesk'],
    ]);
    expect(plan.loading).toBe(1);
  });
});
