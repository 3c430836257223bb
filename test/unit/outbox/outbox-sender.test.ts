import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HelpdeskWriter, WriteAttempt, WriteOutcome } from '../../../main/core/outbox/helpdesk-writer.ts';
import { sendPendingWrites } from '../../../main/core/outbox/outbox-sender.ts';
import { type OutboxItem, OutboxStore } from '../../../main/core/outbox/outbox-store.ts';
import { AmbiguousWriteError } from '../../../main/core/outbox/write-request.ts';
import { AuthenticationError } from '../../../main/core/connectors/helpdesk-connector.ts';
import { DATABASE_FILE_NAME, openDatabase } from '../../../main/core/store/database.ts';
import { HelpdeskHttpError, HelpdeskUnreachableError } from '../../../main/core/sync/helpdesk-http.ts';
import { useTempDirs } from '../../support/temp-dir.ts';

const now = new Date('2026-11-21T10:00:00Z');
const retry = { attempts: 3, baseDelayMs: 1, maxDelayMs: 1, timeoutMs: 1000 };
const http = { sleep: async () => undefined, random: () => 0.5 };

type Step = (entry: OutboxItem, attempt: WriteAttempt) => WriteOutcome;

/** A helpdesk side scripted per call: each call takes the next step and records what it was told. */
function scriptedWriter(steps: Step[]): HelpdeskWriter & { calls: { body: string | undefined; resumed: boolean }[] } {
  const calls: { body: string | undefined; resumed: boolean }[] = [];
  return {
    calls,
    async apply(entry, attempt) {
      calls.push({ body: entry.write.comment?.body, resumed: attempt.resumed });
      const step = steps.shift();
      if (!step) throw new Error('no more steps scripted');
      return step(entry, attempt);
    },
  };
}
const sent: Step = () => ({ kind: 'sent' });
const throws = (error: Error): Step => () => {
  throw error;
};

describe('sending the outbox', () => {
  const tempDir = useTempDirs();
  function outbox(): OutboxStore {
    return new OutboxStore(openDatabase(join(tempDir(), DATABASE_FILE_NAME)));
  }
  const queue = (store: OutboxStore, sourceId: string, body: string) =>
    store.queue({ accountId: 'acme', sourceId }, { comment: { body, public: true }, changes: null }, { now, baseUpdatedAt: null });

  it('sends each pending write once, oldest first', async () => {
    const store = outbox();
    queue(store, '1', 'first');
    queue(store, '2', 'second');
    const writer = scriptedWriter([sent, sent]);
    const run = await sendPendingWrites(store, 'acme', writer, { now: () => now, retry, http });
    expect(run).toMatchObject({ sent: 2, failed: 0, waiting: 0 });
    expect(writer.calls.map((call) => call.body)).toEqual(['first', 'second']);
    expect(store.list().map((entry) => entry.state)).toEqual(['sent', 'sent']);
    expect(await sendPendingWrites(store, 'acme', scriptedWriter([]), { now: () => now, retry, http })).toMatchObject({ sent: 0 });
  });

  it('after an ambiguous failure, tries again as a resumed write so the writer looks before sending', async () => {
    const store = outbox();
    queue(store, '1', 'hello');
    const writer = scriptedWriter([throws(new AmbiguousWriteError('dropped')), sent]);
    expect(await sendPendingWrites(store, 'acme', writer, { now: () => now, retry, http })).toMatchObject({ sent: 1 });
    expect(writer.calls.map((call) => call.resumed)).toEqual([false, true]);
  });

  it('keeps a write that may have been applied as "sending" when the attempts run out, and resumes it next run', async () => {
    const store = outbox();
    const entry = queue(store, '1', 'hello');
    const ambiguous = throws(new AmbiguousWriteError('HTTP 502; it may have been applied'));
    expect(await sendPendingWrites(store, 'acme', scriptedWriter([ambiguous, ambiguous, ambiguous]), { now: () => now, retry, http })).toMatchObject({ waiting: 1 });
    expect(store.get(entry.id)).toMatchObject({ state: 'sending', error: 'HTTP 502; it may have been applied', attempts: 1 });

    const next = scriptedWriter([sent]);
    expect(await sendPendingWrites(store, 'acme', next, { now: () => now, retry, http })).toMatchObject({ sent: 1 });
    expect(next.calls).toEqual([{ body: 'hello', resumed: true }]);
  });

  it('holds the later writes of a ticket behind one that waits, and sends other tickets', async () => {
    const store = outbox();
    const first = queue(store, '1', 'reply');
    queue(store, '1', 'note after it');
    queue(store, '2', 'elsewhere');
    const writer = scriptedWriter([throws(new HelpdeskUnreachableError('down')), sent]);
    expect(await sendPendingWrites(store, 'acme', writer, { now: () => now, retry, http })).toMatchObject({ sent: 1, waiting: 2 });
    expect(writer.calls.map((call) => call.body)).toEqual(['reply', 'elsewhere']);
    expect(store.get(first.id)).toMatchObject({ state: 'pending', error: 'down' });
  });

  it('keeps a refused write with the helpdesk reason, and a conflict marked as one', async () => {
    const store = outbox();
    const refused = queue(store, '1', 'to a closed ticket');
    const conflicting = queue(store, '2', 'to a changed ticket');
    const writer = scriptedWriter([throws(new HelpdeskHttpError(422, '{"error":"RecordInvalid","description":"Status: closed prevents ticket update"}', 'u')), () => ({ kind: 'conflict', reason: 'the ticket changed on the helpdesk' })]);
    expect(await sendPendingWrites(store, 'acme', writer, { now: () => now, retry, http })).toMatchObject({ failed: 2 });
    expect(store.get(refused.id)).toMatchObject({ state: 'failed', conflict: false, error: 'HTTP 422: {"error":"RecordInvalid","description":"Status: closed prevents ticket update"}' });
    expect(store.get(conflicting.id)).toMatchObject({ state: 'failed', conflict: true });
  });

  it('stops at refused credentials, leaving the write to send once they work', async () => {
    const store = outbox();
    const entry = queue(store, '1', 'hello');
    const run = sendPendingWrites(store, 'acme', scriptedWriter([throws(new AuthenticationError('refused'))]), { now: () => now, retry, http });
    await expect(run).rejects.toThrow('refused');
    expect(store.get(entry.id)).toMatchObject({ state: 'pending', error: 'refused' });
  });
});
