import { describe, expect, it } from 'vitest';
import type { TicketSummary } from '../../../shared/domain/ticket.ts';
import { followSelection, type QueueSelection } from '../../../renderer/queue/follow-selection.ts';
import { filterLoadedTickets } from '../../../renderer/search/filter-loaded-tickets.ts';

const rowsOf = (keys: string[]) => ({ count: keys.length, keyAt: (index: number) => keys[index]!, indexOf: (key: string) => keys.indexOf(key) });

describe('the selection follows its ticket when the rows change', () => {
  it('stays on the same ticket when a push re-sorts the queue, and says where it went', () => {
    const selection: QueueSelection = { key: 'demo:7', index: 1 };
    expect(followSelection(selection, rowsOf(['demo:1', 'demo:2', 'demo:3', 'demo:7']))).toEqual({
      selection: { key: 'demo:7', index: 3 },
      change: { kind: 'moved', from: 1, to: 3 },
    });
    expect(followSelection(selection, rowsOf(['demo:1', 'demo:7'])).change).toEqual({ kind: 'same' });
  });
  it('takes the row that took its place when the ticket leaves the view', () => {
    expect(followSelection({ key: 'demo:7', index: 1 }, rowsOf(['demo:1', 'demo:2', 'demo:3']))).toEqual({
      selection: { key: 'demo:2', index: 1 },
      change: { kind: 'left' },
    });
    expect(followSelection({ key: 'demo:7', index: 5 }, rowsOf(['demo:1', 'demo:2'])).selection).toEqual({ key: 'demo:2', index: 1 });
  });
  it('starts on the first row, and has nothing selected in an empty view', () => {
    expect(followSelection({ key: null, index: 0 }, rowsOf(['demo:4', 'demo:5'])).selection).toEqual({ key: 'demo:4', index: 0 });
    expect(followSelection({ key: 'demo:4', index: 0 }, rowsOf([]))).toEqual({ selection: { key: null, index: 0 }, change: { kind: 'reset' } });
  });
});

const ticket = (sourceId: string, subject: string, extra: Partial<TicketSummary> = {}): TicketSummary => ({
  accountId: 'demo',
  sourceId,
  subject,
  status: 'open',
  severity: 'P2',
  createdAt: '2026-01-05T10:00:00Z',
  updatedAt: '2026-01-05T10:00:00Z',
  tags: [],
  requester: null,
  organization: null,
  assignee: null,
  customerSeverity: null,
  due: null,
  ...extra,
});

describe('searching the loaded rows', () => {
  const tickets = [
    ticket('1', 'Webhook retries stopped', { tags: ['webhooks', 'growth'] }),
    ticket('2', '503 on /userinfo-by-username/', { requester: { name: 'Kavya Petrov', email: 'kavya@cinder.test' } }),
    ticket('3', 'Invoice question', { organization: { name: 'Cinder Insights', plan: 'Growth', tier: 'growth' } }),
  ];
  const ids = (query: string) => filterLoadedTickets(tickets, query).map((t) => t.sourceId);
  it('matches every word, case-insensitively, in subject, customer, organization and tags', () => {
    expect(ids('WEBHOOK')).toEqual(['1']);
    expect(ids('cinder')).toEqual(['2', '3']);
    expect(ids('cinder invoice')).toEqual(['3']);
    expect(ids('growth')).toEqual(['1']);
    expect(ids('/userinfo')).toEqual(['2']);
  });
  it('an empty query keeps every row, in order', () => {
    expect(ids('  ')).toEqual(['1', '2', '3']);
  });
});
