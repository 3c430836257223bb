import { describe, expect, it } from 'vitest';
import { DraftSaver, type DraftTimers } from '../../../renderer/composer/draft-saver.ts';
import { severityStep } from '../../../renderer/writes/severity-step.ts';
import { writeFieldChanges, writeStateOf } from '../../../renderer/writes/write-changes.ts';
import { ticketSummary } from '../../support/ticket-fixtures.ts';

const ticket = ticketSummary({
  accountId: 'hs',
  sourceId: '812',
  subject: 'Webhook retries',
  customerSeverity: 'P1',
  tags: ['api', 'p2'],
  assignee: { name: 'Grace Hopper' },
});

describe('severity keys', () => {
  it('asks for a reason below the responder\'s severity or below the customer\'s, not for a raise', () => {
    expect(severityStep(ticket, 'P2')).toEqual({ kind: 'unchanged' });
    expect(severityStep(ticket, 'P1')).toEqual({ kind: 'set' });
    expect(severityStep(ticket, 'P3')).toEqual({ kind: 'downgrade', below: ['responder', 'customer'] });
    // Below what the customer filed, even with no responder severity yet.
    expect(severityStep({ severity: null, customerSeverity: 'P2' }, 'P3')).toEqual({ kind: 'downgrade', below: ['customer'] });
    expect(severityStep({ severity: null, customerSeverity: 'P2' }, 'P2')).toEqual({ kind: 'set' });
    expect(severityStep({ severity: 'P4', customerSeverity: null }, 'P3')).toEqual({ kind: 'set' });
    expect(severityStep({ severity: 'P3', customerSeverity: 'P3' }, 'P4')).toEqual({ kind: 'downgrade', below: ['responder', 'customer'] });
  });
});

describe('a write shown on its ticket', () => {
  it('shows its changes from the ticket as synced, leaving out what the ticket already shows', () => {
    expect(writeFieldChanges({ status: 'pending', severity: 'P2', assignee: 'nobody', addTags: ['how-to', 'api'], removeTags: ['p2'] }, ticket, 'Grace Hopper')).toEqual([
      { field: 'status', from: 'open', to: 'pending' },
      { field: 'assignee', from: 'Grace Hopper', to: null },
      { field: 'tags', from: ['api', 'p2'], to: ['api', 'how-to'], added: ['how-to'], removed: ['p2'] },
    ]);
  });
  it('says where it stands, with the helpdesk\'s reason when refused and what to do on a conflict', () => {
    expect(writeStateOf({ state: 'pending', error: null, conflict: false })).toMatchObject({ key: 'pending', tone: 'waiting', detail: null });
    expect(writeStateOf({ state: 'pending', error: 'HTTP 503', conflict: false }).detail).toBe('The last try failed (HTTP 503); it is tried again.');
    expect(writeStateOf({ state: 'sent', error: null, conflict: false })).toMatchObject({ key: 'sent', tone: 'sent' });
    expect(writeStateOf({ state: 'failed', error: 'Help Scout refused the reply (HTTP 412): limit', conflict: false })).toEqual({
      key: 'failed',
      label: 'Refused',
      tone: 'failed',
      detail: 'Help Scout refused the reply (HTTP 412): limit',
    });
    expect(writeStateOf({ state: 'failed', error: null, conflict: true }).detail).toBe('The ticket changed on the helpdesk: read it and apply again.');
  });
});

/** Timers run by hand: `tick()` fires what is due. */
function manualTimers(): DraftTimers & { tick(ms: number): void } {
  let now = 0;
  let next = 0;
  const due = new Map<number, { at: number; run: () => void }>();
  return {
    set: (run, ms) => {
      due.set(++next, { at: now + ms, run });
      return next;
    },
    clear: (handle) => due.delete(handle as number),
    tick(ms) {
      now += ms;
      for (const [handle, timer] of [...due]) {
        if (timer.at <= now) {
          due.delete(handle);
          timer.run();
        }
      }
    },
  };
}

describe('drafts saved as the engineer types', () => {
  const key = { accountId: 'hs', sourceId: '812' };

  it('saves the latest text once typing pauses, one request per pause', async () => {
    const saved: string[] = [];
    const timers = manualTimers();
    const saver = new DraftSaver({ save: async (_ticket, kind, body) => void saved.push(`${kind}:${body}`), delayMs: 400, timers });
    saver.schedule(key, 'reply', 'H');
    timers.tick(200);
    saver.schedule(key, 'reply', 'Hi');
    timers.tick(300);
    expect(saved).toEqual([]);
    timers.tick(100);
    await Promise.resolve();
    expect(saved).toEqual(['reply:Hi']);
  });

  it('flushes what waits at once (blur, close), and a cancelled save never lands after the send cleared the draft', async () => {
    const saved: string[] = [];
    const timers = manualTimers();
    const saver = new DraftSaver({ save: async (_ticket, kind, body) => void saved.push(`${kind}:${body}`), timers });
    saver.schedule(key, 'reply', 'Hello');
    saver.schedule(key, 'note', 'Customer on v1');
    await saver.flush();
    expect(saved.sort()).toEqual(['note:Customer on v1', 'reply:Hello']);
    saver.schedule(key, 'reply', 'Hello again');
    saver.cancel(key, 'reply');
    timers.tick(10_000);
    await saver.flush();
    expect(saved).toHaveLength(2);
  });

  it('keeps a failed save and tries again, reporting each state', async () => {
    const states: string[] = [];
    let fail = true;
    const saved: string[] = [];
    const timers = manualTimers();
    const saver = new DraftSaver({
      save: async (_ticket, _kind, body) => {
        if (fail) throw new Error('host gone');
        saved.push(body);
      },
      onState: (_ticket, kind, state) => states.push(`${kind} ${state}`),
      timers,
    });
    saver.schedule(key, 'reply', 'Do not lose me');
    await saver.flush();
    expect(states).toEqual(['reply saving', 'reply failed']);
    fail = false;
    await saver.flush();
    expect(saved).toEqual(['Do not lose me']);
    expect(states.at(-1)).toBe('reply saved');
  });
});
