import { z } from 'zod';
import { QueueView } from '../domain/queue-view.ts';
import { SyncStatus } from '../domain/sync-status.ts';
import { TicketDetail } from '../domain/ticket-detail.ts';
import { TicketKey, TicketSummary } from '../domain/ticket.ts';
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

/**
 * The one contract between the renderer and whichever host runs it (Electron, browser, tests).
 * Each request/response pair is validated on the host side; each push is validated on arrival.
 * The preload and the web bridge generate `window.triage` from these maps, so a channel exists only if it is here.
 */
export const triageRequests = {
  listTickets: {
    request: z.object({
      view: QueueView,
      offset: z.number().int().nonnegative().default(0),
      limit: z.number().int().positive().max(5000).default(500),
    }),
    response: z.object({ view: QueueView, total: z.number().int().nonnegative(), tickets: z.array(TicketSummary) }),
  },
  /** Full text over subjects, conversations, customers, organizations and tags; results in the queue's order. */
  searchTickets: {
    request: z.object({
      query: z.string().max(500),
      offset: z.number().int().nonnegative().default(0),
      limit: z.number().int().positive().max(5000).default(500),
    }),
    response: z.object({ query: z.string(), total: z.number().int().nonnegative(), tickets: z.array(TicketSummary) }),
  },
  getTicket: {
    request: TicketKey,
    response: TicketDetail.nullable(),
  },
  getSyncStatus: {
    request: z.object({}).strict(),
    response: SyncStatus,
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
