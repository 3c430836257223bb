import { create } from 'zustand';

/** The command palette, the shortcut cheat sheet, the quarantined records and the accounts: modal, one at a time. */
export type Overlay = 'palette' | 'shortcuts' | 'quarantine' | 'accounts';

interface OverlayState {
  overlay: Overlay | null;
  open(overlay: Overlay): void;
  close(): void;
}

export const useOverlayStore = create<OverlayState>()((set) => ({
  overlay: null,
  open: (overlay) => set({ overlay }),
  close: () => set({ overlay: null }),
}));
