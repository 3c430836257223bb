import { describeZodError } from '../../../shared/validation/describe-zod-error.ts';
// The normalized ticket history schema the connectors write and the engine reads.
import { describe, expect, it } from 'vitest';
import { TicketHistorySchema } from '../../../shared/domain/ticket-event.ts';


describe('ticket history', () => {
  it('accepts every event kind', () => {
    const history = [
      { type: 'created', at: '2024-03-04T08:00:00Z', by: 'customer', severity: 'P2', plan: 'growth', tags: ['api'] },
      { type: 'customer_message', at: '2024-03-04T08:01:00Z' },
      { type: 'automated_message', at: '2024-03-04T08:01:05Z' },
      { type: 'internal_note', at: '2024-03-04T08:02:00Z' },
      { type: 'agent_reply', at: '2024-03-04T08:03:00Z', public: true },
      { type: 'severity_change', at: '2024-03-04T08:04:00Z', severity: 'P3', setBy: 'responder', note: 'workaround available' },
      { type: 'status_change', at: '2024-03-04T08:05:00Z', status: 'hold', until: '2024-03-05T08:00:00Z' },
      { type: 'plan_change', at: '2024-03-04T08:06:00Z', plan: 'enterprise' },
      { type: 'tags_change', at: '2024-03-04T08:07:00Z', tags: ['api', 'upstream'] },
    ];
    expect(TicketHistorySchema.parse(history)).toEqual(history);
  });

  it.each([
    ['no created event', [{ type: 'customer_message', at: '2024-03-04T08:01:00Z' }], 'history has no "created" event'],
    ['a non-UTC instant', [{ type: 'created', at: '2024-03-04T09:00:00+01:00', by: 'customer', severity: null }], '[0].at: Invalid ISO datetime'],
    ['an unknown severity', [{ type: 'created', at: '2024-03-04T08:00:00Z', by: 'customer', severity: 'P0' }], '[0].severity: Invalid option: expected one of "P1"|"P2"|"P3"|"P4"'],
    [
      'a snooze on an open status',
      [{ type: 'created', at: '2024-03-04T08:00:00Z', by: 'agent', severity: 'P1' }, { type: 'status_change', at: '2024-03-04T08:05:00Z', status: 'open', until: '2024-03-05T08:00:00Z' }],
      '[1].until: only a pending or hold status can have "until"',
    ],
  ])('rejects %s', (_case, history, message) => {
    const result = TicketHistorySchema.safeParse(history);
    expect(result.success).toBe(false);
    if (!result.success) expect(describeZodError(result.error)).toBe(message);
  });
});
