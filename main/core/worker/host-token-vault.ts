import type { MessagePort } from 'node:worker_threads';
import type { StoredZendeskTokens, ZendeskTokenVault } from '../auth/zendesk-token-vault.ts';
import type { CoreToHost, HostToCore } from './core-messages.ts';

type TokensAnswer = Extract<HostToCore, { kind: 'tokensAnswer' }>;

/**
 * The worker's token vault when the host keeps Zendesk's rotated tokens: each read and write is a message to the
 * host's main thread (where the shell's safeStorage works), and a write resolves only once the host has stored it.
 */
export class HostTokenVault implements ZendeskTokenVault {
  readonly #port: MessagePort;
  readonly #pending = new Map<number, (answer: TokensAnswer) => void>();
  #nextId = 1;

  constructor(port: MessagePort) {
    this.#port = port;
  }

  /** Hands the host's answer to the read or write waiting for it. */
  settle(answer: TokensAnswer): void {
    const waiter = this.#pending.get(answer.id);
    this.#pending.delete(answer.id);
    waiter?.(answer);
  }

  read(accountId: string): Promise<StoredZendeskTokens | null> {
    return this.#ask((id) => ({ kind: 'readTokens', id, accountId }));
  }

  async write(accountId: string, stored: StoredZendeskTokens): Promise<void> {
    await this.#ask((id) => ({ kind: 'writeTokens', id, accountId, stored }));
  }

  #ask(message: (id: number) => CoreToHost): Promise<StoredZendeskTokens | null> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, (answer) => (answer.ok ? resolve(answer.stored) : reject(new Error(`the host could not keep the Zendesk tokens: ${answer.message}`))));
      this.#port.postMessage(message(id));
    });
  }
}
