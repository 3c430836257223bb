/** Simulated activity: each step either files a new ticket from a random customer or adds a customer reply. */

import type { TicketStore } from './store.ts';

export interface Activity {
  /** One unit of activity; alternates between a new ticket and a customer reply on an open ticket. */
  step(): void;
}

export function createActivity(store: TicketStore): Activity {
  let replyNext = false;
  return {
    step() {
      const open = replyNext ? store.openTicketIds() : [];
      replyNext = !replyNext;
      if (open.length === 0) {
        store.addTicket();
        return;
      }
      store.addCustomerReply(store.rng.pick(open));
    },
  };
}
