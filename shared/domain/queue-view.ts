import { z } from 'zod';

/** The queue's views. Severity views, not tier views: a P1 from a Free customer still comes first. */
export const QUEUE_VIEWS = ['all_open', 'p1', 'p2', 'p3', 'p4', 'unassigned'] as const;
export const QueueView = z.enum(QUEUE_VIEWS);
export type QueueView = z.infer<typeof QueueView>;

export const QUEUE_VIEW_LABELS: Record<QueueView, string> = {
  all_open: 'All open',
  p1: 'P1',
  p2: 'P2',
  p3: 'P3',
  p4: 'P4',
  unassigned: 'Unassigned',
};
