import { z } from 'zod';

/**
 * The queue's views, in the order the tabs show them. Severity views, not tier views: a P1 from a Free customer
 * still comes first.
 */
export const QUEUE_VIEWS = ['p1', 'p2', 'p3', 'p4', 'breaching_soon', 'mine', 'unassigned', 'all_open'] as const;
export const QueueView = z.enum(QUEUE_VIEWS);
export type QueueView = z.infer<typeof QueueView>;

/** The view a window opens on: every open ticket. */
export const FIRST_QUEUE_VIEW: QueueView = 'all_open';

export const QUEUE_VIEW_LABELS: Record<QueueView, string> = {
  p1: 'P1',
  p2: 'P2',
  p3: 'P3',
  p4: 'P4',
  breaching_soon: 'Breaching soon',
  mine: 'Mine',
  unassigned: 'Unassigned',
  all_open: 'All open',
};
