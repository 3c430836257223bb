/**
 * Numbered schema migrations; `PRAGMA user_version` records how many have run.
 * Append only: a shipped migration is never edited, a change is a new entry.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: tickets with their raw payload, the people and organizations they refer to, search, sync checkpoints, quarantine
  `
  CREATE TABLE organizations (
    account_id TEXT NOT NULL,
    source_id  TEXT NOT NULL,
    name       TEXT NOT NULL,
    plan       TEXT,
    tier       TEXT,
    updated_at TEXT,
    raw        TEXT NOT NULL,
    PRIMARY KEY (account_id, source_id)
  ) WITHOUT ROWID;

  -- customers (requesters) and agents alike: the helpdesk keeps both as users
  CREATE TABLE people (
    account_id      TEXT NOT NULL,
    source_id       TEXT NOT NULL,
    name            TEXT NOT NULL,
    email           TEXT NOT NULL,
    role            TEXT NOT NULL,
    organization_id TEXT,
    updated_at      TEXT,
    raw             TEXT NOT NULL,
    PRIMARY KEY (account_id, source_id)
  ) WITHOUT ROWID;

  CREATE TABLE tickets (
    id              INTEGER PRIMARY KEY,
    account_id      TEXT NOT NULL,
    source_id       TEXT NOT NULL,
    subject         TEXT NOT NULL,
    description     TEXT NOT NULL,
    status          TEXT NOT NULL,
    severity        TEXT,
    requester_id    TEXT,
    organization_id TEXT,
    assignee_id     TEXT,
    tags            TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted         INTEGER NOT NULL DEFAULT 0,
    url             TEXT,
    raw             TEXT NOT NULL,
    UNIQUE (account_id, source_id)
  );
  CREATE INDEX tickets_queue ON tickets (deleted, status, severity, updated_at);

  CREATE VIRTUAL TABLE ticket_search USING fts5(
    subject, description, tags, content='tickets', content_rowid='id', tokenize='unicode61'
  );
  CREATE TRIGGER tickets_search_insert AFTER INSERT ON tickets BEGIN
    INSERT INTO ticket_search (rowid, subject, description, tags) VALUES (new.id, new.subject, new.description, new.tags);
  END;
  CREATE TRIGGER tickets_search_delete AFTER DELETE ON tickets BEGIN
    INSERT INTO ticket_search (ticket_search, rowid, subject, description, tags)
      VALUES ('delete', old.id, old.subject, old.description, old.tags);
  END;
  CREATE TRIGGER tickets_search_update AFTER UPDATE OF subject, description, tags ON tickets BEGIN
    INSERT INTO ticket_search (ticket_search, rowid, subject, description, tags)
      VALUES ('delete', old.id, old.subject, old.description, old.tags);
    INSERT INTO ticket_search (rowid, subject, description, tags) VALUES (new.id, new.subject, new.description, new.tags);
  END;

  -- the checkpoint is written in the same transaction as the page it follows
  CREATE TABLE sync_state (
    account_id      TEXT PRIMARY KEY,
    checkpoint      TEXT,
    last_success_at TEXT,
    last_error      TEXT
  );

  -- records that failed validation: kept and counted, never silently dropped
  CREATE TABLE quarantine (
    account_id  TEXT NOT NULL,
    kind        TEXT NOT NULL,
    source_id   TEXT NOT NULL,
    error       TEXT NOT NULL,
    raw         TEXT NOT NULL,
    seen_at     TEXT NOT NULL,
    PRIMARY KEY (account_id, kind, source_id)
  ) WITHOUT ROWID;
  `,
  // 2: each ticket's history as the connectors report it, and the SLA due the engine derives from it for the queue
  `
  CREATE TABLE ticket_events (
    id         INTEGER PRIMARY KEY,
    account_id TEXT NOT NULL,
    source_id  TEXT NOT NULL,
    event_id   TEXT NOT NULL,
    at         TEXT NOT NULL,
    event      TEXT NOT NULL,
    UNIQUE (account_id, source_id, event_id)
  );

  ALTER TABLE tickets ADD COLUMN customer_severity TEXT;
  -- the metric due next: its due instant (epoch seconds, NULL while an open-ended pause holds it) and the rest of
  -- shared/domain/ticket-due.ts as JSON; due_stale marks tickets whose ticket or history changed since
  ALTER TABLE tickets ADD COLUMN due_at INTEGER;
  -- when the next due turns at risk (due_at minus the policy's risk window): the Breaching soon view
  ALTER TABLE tickets ADD COLUMN due_risk_at INTEGER;
  ALTER TABLE tickets ADD COLUMN due TEXT;
  ALTER TABLE tickets ADD COLUMN waiting_since INTEGER;
  ALTER TABLE tickets ADD COLUMN due_stale INTEGER NOT NULL DEFAULT 1;
  CREATE INDEX tickets_due_stale ON tickets (id) WHERE due_stale = 1;
  CREATE INDEX tickets_by_due ON tickets (deleted, status, due_at);

  -- the agent whose credentials sync the account: the Mine view
  ALTER TABLE sync_state ADD COLUMN me_id TEXT;

  -- search over the conversation and the customer too, so the index is written by the store with each ticket's
  -- due (when its ticket, history or messages change) rather than by triggers on the ticket row
  DROP TRIGGER tickets_search_insert;
  DROP TRIGGER tickets_search_delete;
  DROP TRIGGER tickets_search_update;
  DROP TABLE ticket_search;
  CREATE VIRTUAL TABLE ticket_search USING fts5(
    subject, body, customer, tags, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2'
  );

  -- the SLA policy the stored dues were computed with: another one makes them all stale
  CREATE TABLE sla_policy (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    policy TEXT NOT NULL
  );
  `,
  // 3: the conversation, kept locally so a ticket opens without a round trip and its messages can be searched
  `
  CREATE TABLE ticket_messages (
    account_id TEXT NOT NULL,
    source_id  TEXT NOT NULL,
    message_id TEXT NOT NULL,
    at         TEXT NOT NULL,
    kind       TEXT NOT NULL,
    author_id  TEXT,
    html       TEXT NOT NULL,
    PRIMARY KEY (account_id, source_id, message_id)
  ) WITHOUT ROWID;
  `,
  // 4: Zendesk OAuth pairs as last rotated (Zendesk revokes the old pair on each refresh), for the hosts without a
  // vault of their own; seed is the SHA-256 of the configured refresh token the chain of rotations started from
  `
  CREATE TABLE oauth_tokens (
    account_id    TEXT PRIMARY KEY,
    access_token  TEXT NOT NULL,
    refresh_token TEXT NOT NULL,
    expires_at    TEXT,
    seed          TEXT NOT NULL,
    updated_at    TEXT NOT NULL
  );
  `,
  // 5: the outbox of writes made in the app, sent by the sync engine, and the composer's drafts (a crash loses no text)
  `
  CREATE TABLE outbox (
    id              TEXT PRIMARY KEY,
    account_id      TEXT NOT NULL,
    ticket_id       TEXT NOT NULL,
    write           TEXT NOT NULL,
    state           TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
    error           TEXT,
    conflict        INTEGER NOT NULL DEFAULT 0,
    attempts        INTEGER NOT NULL DEFAULT 0,
    steps_done      TEXT NOT NULL DEFAULT '[]',
    base_updated_at TEXT,
    created_at      TEXT NOT NULL,
    sent_at         TEXT
  );
  CREATE INDEX outbox_to_send ON outbox (account_id, state, created_at);
  CREATE INDEX outbox_by_ticket ON outbox (account_id, ticket_id, created_at);

  CREATE TABLE drafts (
    account_id TEXT NOT NULL,
    ticket_id  TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('reply', 'note')),
    body       TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (account_id, ticket_id, kind)
  ) WITHOUT ROWID;
  `,
  // 6: when each account's sync last ran and when it polls next, for \`triage-desk status\` (the window knows it live)
  `
  ALTER TABLE sync_state ADD COLUMN last_attempt_at TEXT;
  ALTER TABLE sync_state ADD COLUMN next_poll_at TEXT;
  `,
];
