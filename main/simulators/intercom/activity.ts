/** Simulated activity: each step either starts a new conversation or adds a customer reply to an active one. */

import type { ConversationStore } from './store.ts';

export interface Activity {
  /** One unit of activity; alternates between a new conversation and a customer reply. */
  step(): void;
}

export function createActivity(store: ConversationStore): Activity {
  let replyNext = false;
  return {
    step() {
      const active = replyNext ? store.activeConversationIds() : [];
      replyNext = !replyNext;
      if (active.length === 0) {
        store.addConversation();
        return;
      }
      store.addCustomerReply(store.rng.pick(active));
    },
  };
}
