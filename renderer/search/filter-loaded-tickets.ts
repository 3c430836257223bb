import type { TicketSummary } from '../../shared/domain/ticket.ts';

/**
 * The loaded rows matching every word of the query in the subject, the customer (name, email, organization) or the
 * tags, case-insensitively. A stand-in for the core's full-text search, which will also look into bodies.
 */
export function filterLoadedTickets(tickets: readonly TicketSummary[], query: string): TicketSummary[] {
  const words = query.toLowerCase().split(/\s+/).filter((word) => word.length > 0);
  if (words.length === 0) return [...tickets];
  return tickets.filter((ticket) => {
    const haystack = [ticket.subject, ticket.requester?.name, ticket.requester?.email, ticket.organization?.name, ...ticket.tags]
      .filter((field) => field !== undefined)
      .join('\n')
      .toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}
