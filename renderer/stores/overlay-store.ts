import { create } from 'zustand';

/** The command palette and the shortcut cheat sheet: modal, one at a time. */
export type Overlay = 'palette' | 'shortcuts';

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
