import { z } from 'zod';

/** The longest part of a quarantined record's payload the window is sent: enough to see what broke. */
export const RAW_EXCERPT_CHARS = 2_000;

/**
 * A record a sync could not read (it failed validation), as the status line's quarantine panel shows it. The store
 * keeps it with the reason and the payload as the helpdesk sent it, and the last time a sync saw it.
 */
export const QuarantinedRecord = z.object({
  kind: z.enum(['ticket', 'person', 'organization', 'event']),
  sourceId: z.string(),
  reason: z.string(),
  lastSeenAt: z.iso.datetime(),
  /** The start of the raw payload (JSON as received), at most RAW_EXCERPT_CHARS characters: untrusted text. */
  rawExcerpt: z.string(),
  rawLength: z.number().int().nonnegative(),
});
export type QuarantinedRecord = z.infer<typeof QuarantinedRecord>;
