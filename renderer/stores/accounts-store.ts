import { create } from 'zustand';
import type { AccountsListing } from '../../shared/settings/account-summary.ts';
import { hostErrorMessage } from '../host/host-error.ts';
import { triageHost } from '../host/triage-host.ts';

interface AccountsState {
  /** The accounts without their secrets, and how this host keeps secrets; null until loaded. */
  listing: AccountsListing | null;
  loadError: string | null;
  load(): Promise<void>;
}

/** The accounts screen's view of the host's accounts: loaded when the screen opens and after each change. */
export const useAccountsStore = create<AccountsState>()((set) => ({
  listing: null,
  loadError: null,
  async load() {
    const host = triageHost();
    if (!host) {
      set({ loadError: 'This page has no Triage Desk host.' });
      return;
    }
    try {
      set({ listing: await host.listAccounts({}), loadError: null });
    } catch (error) {
      set({ loadError: hostErrorMessage(error) });
    }
  },
}));
