// Saves what the engineer types a moment after they stop, so a crash loses at most the last few hundred
// milliseconds of text while a fast typist does not send a request per key. No DOM here: unit-tested on Node.
import type { DraftKind } from '../../shared/domain/outbox-entry.ts';
import { type TicketKey, ticketKeyString } from '../../shared/domain/ticket.ts';

/** How long typing must pause before the draft is saved. */
export const DRAFT_SAVE_DELAY_MS = 400;

export type SaveDraft = (ticket: TicketKey, kind: DraftKind, body: string) => Promise<void>;
export type DraftSaveState = 'saving' | 'saved' | 'failed';
export type DraftStateListener = (ticket: TicketKey, kind: DraftKind, state: DraftSaveState) => void;

export interface DraftTimers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const BROWSER_TIMERS: DraftTimers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

interface Waiting {
  ticket: TicketKey;
  kind: DraftKind;
  body: string;
  timer: unknown;
}

/** One pending save per ticket and kind: the latest text wins, and `flush` sends what is waiting at once. */
export class DraftSaver {
  readonly #waiting = new Map<string, Waiting>();
  readonly #save: SaveDraft;
  readonly #delayMs: number;
  readonly #timers: DraftTimers;
  /** Told when a save starts, ends or fails, for "Draft saved" beside the composer. */
  readonly #onState: DraftStateListener;

  constructor(options: { save: SaveDraft; onState?: DraftStateListener; delayMs?: number; timers?: DraftTimers }) {
    this.#save = options.save;
    this.#onState = options.onState ?? (() => undefined);
    this.#delayMs = options.delayMs ?? DRAFT_SAVE_DELAY_MS;
    this.#timers = options.timers ?? BROWSER_TIMERS;
  }

  /** The text as it is now; saved once typing pauses (or at the next flush). */
  schedule(ticket: TicketKey, kind: DraftKind, body: string): void {
    const id = idOf(ticket, kind);
    const waiting = this.#waiting.get(id);
    if (waiting) this.#timers.clear(waiting.timer);
    const timer = this.#timers.set(() => void this.#send(id), this.#delayMs);
    this.#waiting.set(id, { ticket, kind, body, timer });
  }

  /** Sends every waiting save now (the composer lost focus, the ticket closed); resolves once they are answered. */
  async flush(): Promise<void> {
    await Promise.all([...this.#waiting.keys()].map((id) => this.#send(id)));
  }

  /** Drops the waiting save: the text was just sent, and the outbox cleared its draft in the same step. */
  cancel(ticket: TicketKey, kind: DraftKind): void {
    const id = idOf(ticket, kind);
    const waiting = this.#waiting.get(id);
    if (!waiting) return;
    this.#timers.clear(waiting.timer);
    this.#waiting.delete(id);
  }

  async #send(id: string): Promise<void> {
    const waiting = this.#waiting.get(id);
    if (!waiting) return;
    this.#timers.clear(waiting.timer);
    this.#waiting.delete(id);
    this.#onState(waiting.ticket, waiting.kind, 'saving');
    try {
      await this.#save(waiting.ticket, waiting.kind, waiting.body);
      // A newer text may already be waiting: it reports its own state when it goes.
      if (!this.#waiting.has(id)) this.#onState(waiting.ticket, waiting.kind, 'saved');
    } catch {
      // Put it back unless newer text replaced it, so the next flush tries again; nothing typed is dropped.
      if (!this.#waiting.has(id)) {
        this.#waiting.set(id, { ...waiting, timer: this.#timers.set(() => void this.#send(id), this.#delayMs * 5) });
      }
      this.#onState(waiting.ticket, waiting.kind, 'failed');
    }
  }
}

function idOf(ticket: TicketKey, kind: DraftKind): string {
  return `${ticketKeyString(ticket)}\u0000${kind}`;
}
