import { create } from 'zustand';

/**
 * The command palette, the shortcut cheat sheet, the quarantined records, the accounts, the macro picker and the
 * reason for a severity downgrade: modal, one at a time.
 */
export type Overlay = 'palette' | 'shortcuts' | 'quarantine' | 'accounts' | 'macros' | 'severity';

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
