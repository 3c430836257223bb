import type { TicketEvent } from '../../../shared/domain/ticket-event.ts';
import type { Severity, TicketStatus } from '../../../shared/domain/ticket.ts';

/** A ticket as every connector hands it to the store, whatever helpdesk it came from. */
export interface SyncedTicket {
  sourceId: string;
  subject: string;
  description: string;
  status: TicketStatus;
  /** Deleted, spam or merged away: kept in the store, gone from the queue. */
  deleted: boolean;
  severity: Severity | null;
  requesterId: string | null;
  organizationId: string | null;
  assigneeId: string | null;
  tags: string[];
  createdAt: string;
  updatedAt: string;
  url: string | null;
  raw: unknown;
}

/**
 * A ticket the helpdesk reports gone (deleted, or only its id and when are left): the store keeps its row, newer than
 * any version of it, and takes it out of the queue.
 */
export function deletedTicket(gone: { sourceId: string; at: string; subject?: string; url: string | null; raw: unknown }): SyncedTicket {
  return {
    sourceId: gone.sourceId,
    subject: gone.subject ?? '',
    description: '',
    status: 'closed',
    deleted: true,
    severity: null,
    requesterId: null,
    organizationId: null,
    assigneeId: null,
    tags: [],
    createdAt: gone.at,
    updatedAt: gone.at,
    url: gone.url,
    raw: gone.raw,
  };
}

export interface SyncedPerson {
  sourceId: string;
  name: string;
  email: string;
  role: string;
  organizationId: string | null;
  updatedAt: string | null;
  raw: unknown;
}

export interface SyncedOrganization {
  sourceId: string;
  name: string;
  plan: string | null;
  updatedAt: string | null;
  raw: unknown;
}

/** One event of a ticket's history; its id makes a replayed page store it once. */
export interface SyncedTicketEvent {
  ticketSourceId: string;
  eventId: string;
  event: TicketEvent;
}

/** One message of a ticket's conversation, as the helpdesk sent it (its HTML is untrusted and kept as is). */
export interface SyncedMessage {
  ticketSourceId: string;
  messageId: string;
  at: string;
  kind: 'customer' | 'agent' | 'note' | 'automated';
  authorId: string | null;
  html: string;
}

/** A record that failed validation: stored aside with the reason, never dropped. */
export interface QuarantinedRecord {
  kind: 'ticket' | 'person' | 'organization' | 'event';
  sourceId: string;
  error: string;
  raw: unknown;
}

/** One page of a sync and the checkpoint to resume after it; both land in one transaction. */
export interface SyncPage {
  tickets: SyncedTicket[];
  people: SyncedPerson[];
  organizations: SyncedOrganization[];
  events: SyncedTicketEvent[];
  messages: SyncedMessage[];
  quarantined: QuarantinedRecord[];
  checkpoint: string;
  caughtUp: boolean;
}
