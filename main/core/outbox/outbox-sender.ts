import type { TicketKey } from '../../../shared/domain/ticket.ts';
import { HelpdeskHttpError, HelpdeskUnreachableError, type HttpDeps, REAL_HTTP, backoffMs, type RetryPolicy } from '../sync/helpdesk-http.ts';
import type { HelpdeskWriter, WriteOutcome } from './helpdesk-writer.ts';
import type { OutboxStore } from './outbox-store.ts';
import { AmbiguousWriteError } from './write-request.ts';

export interface OutboxRun {
  sent: number;
  failed: number;
  /** Left for the next run: the helpdesk was unreachable, or an earlier write of the same ticket is waiting. */
  waiting: number;
  /** Tickets whose writes changed state, for the queue and the ticket view. */
  changed: TicketKey[];
}

/**
 * Sends an account's pending writes, oldest first. The writes of one ticket go in order: once one of them waits or
 * fails, the later ones wait too (a reply must not overtake the note written before it). A write whose attempt may
 * have been applied is resumed: its writer looks on the helpdesk before sending again. Throws what stops the whole
 * account (refused credentials) after recording it on the entry.
 */
export async function sendPendingWrites(
  store: OutboxStore,
  accountId: string,
  writer: HelpdeskWriter,
  options: { now: () => Date; retry: RetryPolicy; http?: Pick<HttpDeps, 'sleep' | 'random'> },
): Promise<OutboxRun> {
  const { sleep, random } = options.http ?? REAL_HTTP;
  const run: OutboxRun = { sent: 0, failed: 0, waiting: 0, changed: [] };
  const held = new Set<string>();
  for (const entry of store.toSend(accountId)) {
    if (held.has(entry.ticket.sourceId)) {
      run.waiting++;
      continue;
    }
    store.markSending(entry.id);
    run.changed.push(entry.ticket);
    const result = await attemptWrite(store, entry.id, entry.state === 'sending', writer, options.retry, sleep, random);
    if (result.kind === 'waiting') {
      store.markWaiting(entry.id, result.reason, { checkFirst: result.checkFirst });
      if (result.stopAccount) throw result.stopAccount;
      run.waiting++;
      held.add(entry.ticket.sourceId);
      continue;
    }
    const { outcome } = result;
    if (outcome.kind === 'sent') {
      store.markSent(entry.id, options.now());
      run.sent++;
    } else {
      store.markFailed(entry.id, outcome.reason, { conflict: outcome.kind === 'conflict' });
      run.failed++;
      held.add(entry.ticket.sourceId);
    }
  }
  return run;
}

type AttemptResult =
  | { kind: 'outcome'; outcome: WriteOutcome }
  | { kind: 'waiting'; reason: string; checkFirst: boolean; stopAccount: Error | null };

/** Tries one entry until the helpdesk answers, the attempts run out, or nothing can be sent. */
async function attemptWrite(
  store: OutboxStore,
  id: string,
  resumedAtStart: boolean,
  writer: HelpdeskWriter,
  retry: RetryPolicy,
  sleep: HttpDeps['sleep'],
  random: HttpDeps['random'],
): Promise<AttemptResult> {
  let resumed = resumedAtStart;
  let reason = '';
  for (let attempt = 1; attempt <= retry.attempts; attempt++) {
    const current = store.get(id)!;
    try {
      const outcome = await writer.apply(current, { resumed, stepsDone: current.stepsDone, stepDone: (step) => store.markStepDone(id, step) });
      return { kind: 'outcome', outcome };
    } catch (error) {
      if (error instanceof HelpdeskHttpError) return { kind: 'outcome', outcome: { kind: 'rejected', reason: `HTTP ${error.status}: ${error.body.slice(0, 300)}` } };
      if (!(error instanceof AmbiguousWriteError)) {
        const message = error instanceof Error ? error.message : String(error);
        const stopAccount = error instanceof HelpdeskUnreachableError ? null : error instanceof Error ? error : new Error(message);
        return { kind: 'waiting', reason: message, checkFirst: resumed, stopAccount };
      }
      resumed = true;
      reason = error.message;
      if (attempt < retry.attempts) await sleep(backoffMs(attempt, retry, random));
    }
  }
  return { kind: 'waiting', reason, checkFirst: true, stopAccount: null };
}
