import { create } from 'zustand';

/** The command palette, the shortcut cheat sheet and the quarantined records: modal, one at a time. */
export type Overlay = 'palette' | 'shortcuts' | 'quarantine';

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
