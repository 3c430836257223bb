import { z } from 'zod';
import { QuarantinedRecord } from '../domain/quarantined-record.ts';
import { DraftKind, OutboxEntry, OutboxWrite } from '../domain/outbox-entry.ts';
import { QueueView } from '../domain/queue-view.ts';
import { SyncStatus } from '../domain/sync-status.ts';
import { TicketDetail } from '../domain/ticket-detail.ts';
import { TicketKey, TicketSummary } from '../domain/ticket.ts';
import { Macro } from '../macros/macro.ts';
import { HelpdeskBaseUrl } from '../settings/account-config.ts';
import { AccountDraft, NewAccountDraft } from '../settings/account-draft.ts';
import { AccountsListing, AccountSummary, ConnectionTestResult } from '../settings/account-summary.ts';
import { describeZodError } from '../validation/describe-zod-error.ts';
import type { SubscriptionName, TriagePushName, TriageRequestName } from './triage-channels.ts';

export {
  subscriptionName,
  TRIAGE_PUSH_NAMES,
  TRIAGE_REQUEST_NAMES,
  triageChannel,
  type SubscriptionName,
  type TriagePushName,
  type TriageRequestName,
} from './triage-channels.ts';

const ROW = z.number().int().nonnegative();

/**
 * The one contract between the renderer and whichever host runs it (Electron, browser, tests).
 * Each request/response pair is validated on the host side; each push is validated on arrival.
 * The preload and the web bridge generate `window.triage` from these maps, so a channel exists only if it is here.
 */
export const triageRequests = {
  /** Rows `offset` to `offset + limit` of a view, its total, and the row `locate` is on now (null if not in it). */
  listTickets: {
    request: z.object({
      view: QueueView,
      offset: z.number().int().nonnegative().default(0),
      limit: z.number().int().positive().max(5000).default(500),
      locate: TicketKey.optional(),
    }),
    response: z.object({ view: QueueView, total: z.number().int().nonnegative(), tickets: z.array(TicketSummary), located: ROW.nullable() }),
  },
  /** Full text over subjects, conversations, customers, organizations and tags; results in the queue's order. */
  searchTickets: {
    request: z.object({
      query: z.string().max(500),
      offset: z.number().int().nonnegative().default(0),
      limit: z.number().int().positive().max(5000).default(500),
      locate: TicketKey.optional(),
    }),
    response: z.object({ query: z.string(), total: z.number().int().nonnegative(), tickets: z.array(TicketSummary), located: ROW.nullable() }),
  },
  getTicket: {
    request: TicketKey,
    response: TicketDetail.nullable(),
  },
  getSyncStatus: {
    request: z.object({}).strict(),
    response: SyncStatus,
  },
  /** The accounts without their secrets: which are set and how each is kept. Answered by the host, not the core. */
  listAccounts: {
    request: z.object({}).strict(),
    response: AccountsListing,
  },
  /** `storeAnyway`: keep typed secrets on disk even with Linux's weak basic_text encryption (the user ticked it). */
  addAccount: {
    request: z.object({ account: NewAccountDraft, storeAnyway: z.boolean().default(false) }).strict(),
    response: AccountSummary,
  },
  /** The account with this id, changed; a secret left out stays as stored. */
  editAccount: {
    request: z.object({ account: AccountDraft, storeAnyway: z.boolean().default(false) }).strict(),
    response: AccountSummary,
  },
  /** Removes the account and its synced tickets. */
  removeAccount: {
    request: z.object({ id: z.string().min(1) }).strict(),
    response: z.object({ removed: z.string() }),
  },
  /** Proves a draft's credentials before it is saved; secrets left out are the stored account's of that id. */
  testConnection: {
    request: z.object({ account: AccountDraft }).strict(),
    response: ConnectionTestResult,
  },
  /**
   * Starts Zendesk's OAuth sign-in in the system browser (the shell opens it; `openedByHost` false: the window must).
   * The tokens stay with the host under `signInId`, which an account draft then names.
   */
  signInWithZendesk: {
    request: z.object({ baseUrl: HelpdeskBaseUrl, clientId: z.string().trim().min(1) }).strict(),
    response: z.object({ signInId: z.string(), authorizeUrl: z.string(), openedByHost: z.boolean() }),
  },
  /** Waits until the browser comes back from Zendesk; fails with what went wrong (denied, timed out). */
  finishZendeskSignIn: {
    request: z.object({ signInId: z.string().min(1) }).strict(),
    response: z.object({ signedIn: z.literal(true) }),
  },
  /** The records of an account that a sync could not read, most recently seen first (the status line's panel). */
  listQuarantined: {
    request: z.object({ accountId: z.string().min(1), offset: ROW.default(0), limit: z.number().int().positive().max(500).default(100) }).strict(),
    response: z.object({ accountId: z.string(), total: ROW, records: z.array(QuarantinedRecord) }),
  },
  /**
   * A reply, a note, field changes or a macro's all of them, into the outbox: shown on the ticket at once and sent
   * by the account's sync. `fromDraft`: the composer's draft it came from, cleared in the same step.
   */
  queueWrite: {
    request: z.object({ ticket: TicketKey, write: OutboxWrite, fromDraft: DraftKind.optional() }).strict(),
    response: OutboxEntry,
  },
  /** What the engineer is typing, saved as they type (an empty body clears the draft). */
  saveDraft: {
    request: z.object({ ticket: TicketKey, kind: DraftKind, body: z.string().max(64_000) }).strict(),
    response: z.object({ saved: z.literal(true) }),
  },
  /** Sends a refused or conflicting write again, as it was or edited, against the ticket as it now stands. */
  retryWrite: {
    request: z.object({ id: z.string().min(1), write: OutboxWrite.optional() }).strict(),
    response: OutboxEntry,
  },
  /** Drops a write that was not sent; its text goes back to the ticket's draft. */
  discardWrite: {
    request: z.object({ id: z.string().min(1) }).strict(),
    response: z.object({ discarded: z.string() }),
  },
  /**
   * The macros the engineer can apply: the local ones from the settings (or the config file), starter set by default,
   * then the helpdesks' own (read-only; `source` says whose, the id `<helpdesk>:<account>:<id>` which account's).
   */
  listMacros: {
    request: z.object({}).strict(),
    response: z.object({ macros: z.array(Macro) }),
  },
  /** The window gained or lost focus (or was hidden): the core polls faster while it is focused. */
  reportWindowFocus: {
    request: z.object({ focused: z.boolean() }).strict(),
    response: z.object({ focused: z.boolean() }),
  },
} as const satisfies Record<TriageRequestName, { request: z.ZodType; response: z.ZodType }>;

export const triagePushes = {
  /** The tickets that changed; `bulk` instead when too many changed to list (a first sync): refetch the view. */
  ticketsChanged: z.object({ upserted: z.array(TicketSummary), removed: z.array(TicketKey), bulk: z.boolean().default(false) }),
  syncStatusChanged: SyncStatus,
  /** Emitted by the host's transport, not the core: the renderer shows "host gone" instead of spinning. */
  connectionChanged: z.object({ connected: z.boolean() }),
} as const satisfies Record<TriagePushName, z.ZodType>;

export type TriageRequest<N extends TriageRequestName> = z.input<(typeof triageRequests)[N]['request']>;
export type TriageResponse<N extends TriageRequestName> = z.output<(typeof triageRequests)[N]['response']>;
export type TriagePush<N extends TriagePushName> = z.output<(typeof triagePushes)[N]>;



/** The shape of `window.triage`. */
export type TriageApi = {
  readonly [N in TriageRequestName]: (request: TriageRequest<N>) => Promise<TriageResponse<N>>;
} & {
  readonly [N in TriagePushName as SubscriptionName<N>]: (listener: (payload: TriagePush<N>) => void) => () => void;
};


/** A request that crossed the boundary: parses it or throws an error naming the bad field. */
export function parseTriageRequest<N extends TriageRequestName>(name: N, payload: unknown): z.output<(typeof triageRequests)[N]['request']> {
  const result = triageRequests[name].request.safeParse(payload ?? {});
  if (!result.success) throw new TriageContractError(`${name}: ${describeZodError(result.error)}`);
  return result.data as z.output<(typeof triageRequests)[N]['request']>;
}

export class TriageContractError extends Error {
  override name = 'TriageContractError';
}
