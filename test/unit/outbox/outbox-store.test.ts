import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutboxStore } from '../../../main/core/outbox/outbox-store.ts';
import { DATABASE_FILE_NAME, openDatabase } from '../../../main/core/store/database.ts';
import { useTempDirs } from '../../support/temp-dir.ts';

const ticket = { accountId: 'acme', sourceId: '42' };
const now = new Date('2026-11-21T10:00:00Z');

describe('the outbox store', () => {
  const tempDir = useTempDirs();

  function open(dir: string) {
    const db = openDatabase(join(dir, DATABASE_FILE_NAME));
    return { db, outbox: new OutboxStore(db) };
  }

  it('keeps queued writes across a restart, oldest first, in the states they reached', () => {
    const dir = tempDir();
    const first = open(dir);
    const reply = first.outbox.queue(ticket, { comment: { body: 'Hello', public: true }, changes: null }, { now, baseUpdatedAt: '2026-11-21T09:00:00Z' });
    const macro = first.outbox.queue(ticket, { comment: { body: 'Looked at it', public: false }, changes: { status: 'pending', addTags: ['upstream'] } }, { now, baseUpdatedAt: null });
    first.outbox.markSending(reply.id);
    first.db.close();

    const again = open(dir);
    const listed = again.outbox.list(ticket);
    expect(listed.map((entry) => [entry.kind, entry.state, entry.attempts])).toEqual([
      ['reply', 'sending', 1],
      ['note+fields', 'pending', 0],
    ]);
    expect(listed[0]!.baseUpdatedAt).toBe('2026-11-21T09:00:00Z');
    expect(again.outbox.toSend('acme').map((entry) => entry.id)).toEqual([reply.id, macro.id]);
    expect(again.outbox.toSend('other')).toEqual([]);
    again.db.close();
  });

  it('moves text from the draft into the outbox in one step, and back into the draft when a refused write is discarded', () => {
    const { db, outbox } = open(tempDir());
    outbox.saveDraft(ticket, 'reply', 'Half a thought', now);
    expect(outbox.draft(ticket, 'reply')).toBe('Half a thought');
    const entry = outbox.queue(ticket, { comment: { body: 'Half a thought, finished', public: true }, changes: null }, { now, baseUpdatedAt: null, fromDraft: 'reply' });
    expect(outbox.draft(ticket, 'reply')).toBeNull();

    outbox.markFailed(entry.id, 'HTTP 422: Ticket is closed', { conflict: false });
    outbox.saveDraft(ticket, 'reply', 'Something newer', now);
    outbox.discard(entry.id, now);
    expect(outbox.list(ticket)).toEqual([]);
    expect(outbox.draft(ticket, 'reply')).toBe('Something newer\n\nHalf a thought, finished');
    db.close();
  });

  it('retries a failed entry against the ticket as it now stands, keeping acknowledged steps unless edited; a sent one cannot change', () => {
    const { db, outbox } = open(tempDir());
    const entry = outbox.queue(ticket, { comment: null, changes: { status: 'solved' } }, { now, baseUpdatedAt: 'A' });
    outbox.markStepDone(entry.id, 'status');
    outbox.markFailed(entry.id, 'the ticket changed on the helpdesk', { conflict: true });
    expect(outbox.get(entry.id)).toMatchObject({ state: 'failed', conflict: true, error: 'the ticket changed on the helpdesk', stepsDone: ['status'] });

    expect(outbox.retry(entry.id, { baseUpdatedAt: 'B' })).toMatchObject({ state: 'pending', stepsDone: ['status'], baseUpdatedAt: 'B' });
    outbox.markFailed(entry.id, 'refused again', { conflict: false });
    const retried = outbox.retry(entry.id, { write: { comment: null, changes: { status: 'pending' } }, baseUpdatedAt: 'B' });
    expect(retried).toMatchObject({ state: 'pending', conflict: false, error: null, stepsDone: [], baseUpdatedAt: 'B', write: { changes: { status: 'pending' } } });

    outbox.markSent(entry.id, now);
    expect(outbox.get(entry.id)).toMatchObject({ state: 'sent', sentAt: now.toISOString() });
    expect(() => outbox.discard(entry.id, now)).toThrow(`outbox entry ${entry.id} is sent`);
    db.close();
  });

  it('refuses an empty write, naming what is wrong', () => {
    const { db, outbox } = open(tempDir());
    expect(() => outbox.queue(ticket, { comment: null, changes: null }, { now, baseUpdatedAt: null })).toThrow('nothing to write');
    expect(() => outbox.queue(ticket, { comment: { body: '   ', public: true }, changes: null }, { now, baseUpdatedAt: null })).toThrow('the message is empty');
    db.close();
  });
});
