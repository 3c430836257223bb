import type { TicketSummary } from '../../shared/domain/ticket.ts';

/** Each row's searchable text, lowercased once per row object rather than once per keystroke. */
const haystacks = new WeakMap<TicketSummary, string>();

function haystackOf(ticket: TicketSummary): string {
  let haystack = haystacks.get(ticket);
  if (haystack === undefined) {
    haystack = [ticket.subject, ticket.requester?.name, ticket.requester?.email, ticket.organization?.name, ...ticket.tags]
      .filter((field) => field !== undefined)
      .join('\n')
      .toLowerCase();
    haystacks.set(ticket, haystack);
  }
  return haystack;
}

/**
 * The loaded rows matching every word of the query in the subject, the customer (name, email, organization) or the
 * tags, case-insensitively. A stand-in for the core's full-text search, which will also look into bodies.
 */
export function filterLoadedTickets(tickets: readonly TicketSummary[], query: string): TicketSummary[] {
  const words = query.toLowerCase().split(/\s+/).filter((word) => word.length > 0);
  if (words.length === 0) return [...tickets];
  return tickets.filter((ticket) => {
    const haystack = haystackOf(ticket);
    return words.every((word) => haystack.includes(word));
  });
}
