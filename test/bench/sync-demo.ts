// Bench rows for the initial sync: 100,000 tickets from the Zendesk simulator over loopback into SQLite, and the
// same rows inserted raw into a store of the same schema in the same run: the ratio is the sync path's overhead.
// A first sync reads the ticket export (the queue then lists every ticket), then each ticket's history and
// conversation from the ticket events export, from which the dues are computed: both phases are reported. The same
// sync also runs in the core worker, as the hosts run it, while the host's main thread is watched.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { AccountConfig } from '../../shared/settings/account-config.ts';
import { inTransaction, openDatabase } from '../../main/core/store/database.ts';
import { TriageCore } from '../../main/core/triage-core.ts';
import { DEFAULT_CREDENTIALS } from '../../main/simulators/zendesk/server.ts';
import type { BenchRow } from './bench-row.ts';
import { maxHostEventLoopDelayMs } from './host-event-loop.ts';

const TICKETS = 100_000;

export async function benchInitialSync(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'triage-bench-'));
  try {
    // The hosted sync first, while this thread is what a host's main thread is: the in-process sync below leaves it
    // hundreds of megabytes of rows to collect, whose pauses are no host's.
    const hostDelayMs = await withSimulator((account) => maxHostEventLoopDelayMs(join(dir, 'hosted'), account));
    return [...(await withSimulator((account) => benchInProcessSync(dir, account))), hostRow(hostDelayMs)];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A helpdesk of its own for each measurement, started cold as the first one was. */
async function withSimulator<T>(measure: (account: AccountConfig) => Promise<T>): Promise<T> {
  // The helpdesk runs in its own process, as a remote one would: its JSON encoding does not share our thread.
  const simulator = await startSimulatorProcess();
  try {
    return await measure({ id: 'bench', type: 'zendesk', baseUrl: simulator.url, auth: { type: 'apiToken', ...DEFAULT_CREDENTIALS }, planField: 'plan' });
  } finally {
    simulator.stop();
  }
}

function hostRow(hostDelayMs: number): BenchRow {
  return { name: 'host.max_event_loop_delay_ms', value: Math.round(hostDelayMs * 10) / 10, unit: 'ms', budget: '<= 50', ok: hostDelayMs <= 50 };
}

async function benchInProcessSync(dir: string, account: AccountConfig): Promise<BenchRow[]> {
  const core = new TriageCore({ dataDir: dir, accounts: [account] });
  let ticketsInAt: number | null = null;
  core.onPush((name) => {
    if (name === 'ticketsChanged' && ticketsInAt === null && core.store.countTickets() >= TICKETS) ticketsInAt = performance.now();
  });
  const started = performance.now();
  await core.syncOnce();
  const finished = performance.now();
  const seconds = ((ticketsInAt ?? finished) - started) / 1000;
  const historySeconds = (finished - (ticketsInAt ?? finished)) / 1000;
  const synced = core.store.listAllTickets().length;
  const quietPollMs = await medianQuietPollMs(core);
  await core.close();
  const ticketsPerSecond = synced / seconds;
  const rawPerSecond = rawInsertRate(join(dir, 'triage.sqlite'));
  const share = ticketsPerSecond / rawPerSecond;
  return [
    { name: 'sync.initial.tickets_per_s', value: Math.round(ticketsPerSecond), unit: 'tickets/s', budget: '>= 5000', ok: ticketsPerSecond >= 5000 },
    { name: 'sync.initial.ratio_to_raw_insert', value: Math.round(share * 100) / 100, unit: 'ratio', budget: '>= 0.4', ok: share >= 0.4 },
    { name: 'sync.initial.history_then_dues_s', value: Math.round(historySeconds * 10) / 10, unit: 's', budget: '(reported)', ok: true },
    { name: 'sync.noop_poll.ms', value: Math.round(quietPollMs * 10) / 10, unit: 'ms', budget: '<= 20', ok: quietPollMs <= 20 },
  ];
}

/**
 * A poll with nothing new over 100,000 stored tickets, the loopback round trip included (so an upper bound of the
 * local work); the median of 9. That it costs one request is asserted in test/integration/zendesk-sync.test.ts.
 */
async function medianQuietPollMs(core: TriageCore): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 9; i++) {
    const started = performance.now();
    await core.syncOnce();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[4]!;
}

/**
 * The synced rows inserted again with plain INSERTs into a fresh store of the same schema (its indexes and search
 * index included), in one transaction: what SQLite itself costs, against which the whole sync path is compared.
 */
function rawInsertRate(syncedFile: string): number {
  const source = new DatabaseSync(syncedFile, { readOnly: true });
  const rows = source.prepare('SELECT * FROM tickets').all() as Record<string, string | number | null>[];
  source.close();
  const db = openDatabase(syncedFile.replace('triage.sqlite', 'raw.sqlite'));
  const columns = Object.keys(rows[0]!);
  const insert = db.prepare(`INSERT INTO tickets (${columns.join(', ')}) VALUES (${columns.map((c) => `:${c}`).join(', ')})`);
  const started = performance.now();
  inTransaction(db, () => {
    for (const row of rows) insert.run(row);
  });
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return rows.length / seconds;
}

async function startSimulatorProcess(): Promise<{ url: string; stop(): void }> {
  const child = spawn(
    process.execPath,
    [join(import.meta.dirname, '../../main/simulators/zendesk/main.ts'), '--port', '0', '--activity-ms', '0', '--seed', '9', '--organizations', '3000', '--tickets', String(TICKETS)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  for await (const chunk of child.stdout) {
    output += String(chunk);
    const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
    if (match) return { url: match[1]!, stop: () => child.kill() };
  }
  await once(child, 'exit');
  throw new Error(`the simulator did not start:\n${output}`);
}
