import { create } from 'zustand';

/** How long a notice stays in the status line. */
const NOTICE_MS = 6_000;

interface NoticeState {
  /** A short sentence about something the app did on its own (the queue re-sorted under the selection). */
  notice: { id: number; text: string } | null;
  post(text: string): void;
}

let timer: ReturnType<typeof setTimeout> | null = null;

export const useNoticeStore = create<NoticeState>()((set, get) => ({
  notice: null,
  post(text) {
    if (timer !== null) clearTimeout(timer);
    const id = (get().notice?.id ?? 0) + 1;
    set({ notice: { id, text } });
    timer = setTimeout(() => {
      timer = null;
      if (get().notice?.id === id) set({ notice: null });
    }, NOTICE_MS);
  },
}));
