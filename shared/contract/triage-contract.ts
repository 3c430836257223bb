import { z } from 'zod';
import { QueueView } from '../domain/queue-view.ts';
import { SyncStatus } from '../domain/sync-status.ts';
import { TicketDetail, TicketKey, TicketSummary } from '../domain/ticket.ts';

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
  getTicket: {
    request: TicketKey,
    response: TicketDetail.nullable(),
  },
  getSyncStatus: {
    request: z.object({}).strict(),
    response: SyncStatus,
  },
} as const;

export const triagePushes = {
  ticketsChanged: z.object({ upserted: z.array(TicketSummary), removed: z.array(TicketKey) }),
  syncStatusChanged: SyncStatus,
  /** Emitted by the host's transport, not the core: the renderer shows "host gone" instead of spinning. */
  connectionChanged: z.object({ connected: z.boolean() }),
} as const;

export type TriageRequestName = keyof typeof triageRequests;
export type TriagePushName = keyof typeof triagePushes;
export type TriageRequest<N extends TriageRequestName> = z.input<(typeof triageRequests)[N]['request']>;
export type TriageResponse<N extends TriageRequestName> = z.output<(typeof triageRequests)[N]['response']>;
export type TriagePush<N extends TriagePushName> = z.output<(typeof triagePushes)[N]>;

export const TRIAGE_REQUEST_NAMES = Object.keys(triageRequests) as TriageRequestName[];
export const TRIAGE_PUSH_NAMES = Object.keys(triagePushes) as TriagePushName[];

/** `ticketsChanged` -> `onTicketsChanged`: the subscription's name on `window.triage`. */
export type SubscriptionName<N extends TriagePushName> = `on${Capitalize<N>}`;
export function subscriptionName<N extends TriagePushName>(name: N): SubscriptionName<N> {
  return `on${name[0]!.toUpperCase()}${name.slice(1)}` as SubscriptionName<N>;
}

/** The shape of `window.triage`. */
export type TriageApi = {
  readonly [N in TriageRequestName]: (request: TriageRequest<N>) => Promise<TriageResponse<N>>;
} & {
  readonly [N in TriagePushName as SubscriptionName<N>]: (listener: (payload: TriagePush<N>) => void) => () => void;
};

/** IPC channel of a request or push in the Electron host; the web host uses the same names as URL paths. */
export const triageChannel = (name: TriageRequestName | TriagePushName): string => `triage:${name}`;

/** A request that crossed the boundary: parses it or throws an error naming the bad field. */
export function parseTriageRequest<N extends TriageRequestName>(name: N, payload: unknown): z.output<(typeof triageRequests)[N]['request']> {
  const result = triageRequests[name].request.safeParse(payload ?? {});
  if (!result.success) throw new TriageContractError(`${name}: ${describeZodError(result.error)}`);
  return result.data as z.output<(typeof triageRequests)[N]['request']>;
}

export class TriageContractError extends Error {
  override name = 'TriageContractError';
}

/** One line naming each bad field: `view: Invalid option: expected one of "all_open"|... ; limit: Too big`. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}
