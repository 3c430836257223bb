export const USAGE = `Usage: triage-desk <command> [options]

Commands:
  sync --config FILE --data-dir DIR [--once]   sync every account (--once: until caught up, then exit;
                                               otherwise keep polling until SIGINT/SIGTERM)
  auth zendesk --base-url URL --client-id ID [--scope S] [--port N]
                                               sign in to Zendesk in the browser (OAuth with PKCE); prints
                                               the account's "auth" for FILE
  tickets --data-dir DIR [--json]              list the stored tickets
  status --data-dir DIR [--json]               each account's sync: last success, last error, tickets,
                                               quarantined records
  quarantine --data-dir DIR [--account ID] [--json]
                                               the records a sync could not read: kind, id, reason, when
  sla due | sla elapsed                        business-time arithmetic, JSON Lines on stdin -> stdout
  sla explain --data-dir DIR --ticket ACCOUNT:ID [--at ISO] [--json]
                                               why a stored ticket is due when it is: each SLA metric's
                                               start, pauses, severity, plan, targets, calendar, due and state
  reply --data-dir DIR --ticket ACCOUNT:ID (--body TEXT | --body-file FILE) [--internal]
                                               queue a public reply (or an internal note) in the outbox;
                                               prints the entry's id; the next sync sends it
  outbox --data-dir DIR [--json]               the queued writes and where each stands
  --help                                       show this help

FILE is {"accounts": [{"id", "type": "zendesk", "baseUrl", "auth": {"type": "apiToken", "email", "token"}}]},
optionally with "rateLimitShare": 0.2 (the share of each account's rate limit this desktop may use);
any string may be "env:NAME" to read it from the environment.
Exit codes: 0 done, 1 failure (e.g. a helpdesk unreachable after retries), 2 usage or authentication error.`;

/** A usage problem: one line saying what is wrong, then the usage, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
