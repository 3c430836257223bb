// Tickets as the contract carries them, for tests of what the window and the macros make of one: plain values that a
// test overrides where it is about them. One place to follow when the contract gains a field.
import type { TicketDetail } from '../../shared/domain/ticket-detail.ts';
import type { TicketSummary } from '../../shared/domain/ticket.ts';

export function ticketSummary(overrides: Partial<TicketSummary> = {}): TicketSummary {
  return {
    accountId: 'acme',
    sourceId: '4711',
    subject: 'Upstream timeout on /post-detail/',
    status: 'open',
    severity: 'P2',
    customerSeverity: null,
    unsent: null,
    createdAt: '2026-11-24T09:00:00Z',
    updatedAt: '2026-11-24T09:00:00Z',
    tags: [],
    requester: null,
    organization: null,
    assignee: null,
    due: null,
    ...overrides,
  };
}

/** The summary's ticket with no description, conversation, SLA, history, writes or drafts. */
export function ticketDetail(overrides: Partial<TicketDetail> = {}): TicketDetail {
  return {
    ...ticketSummary(),
    description: '',
    url: null,
    conversation: [],
    sla: [],
    severityHistory: [],
    writes: [],
    drafts: { reply: null, note: null },
    me: null,
    ...overrides,
  };
}
