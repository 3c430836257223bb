/**
 * Runs the Zendesk simulator by hand:
 *   node main/simulators/zendesk/main.ts [--port N] [--activity-ms N] [--seed N] [--tickets N] [--organizations N]
 * Prints the URL and the demo credentials; Ctrl-C stops it.
 */

import { parseArgs } from 'node:util';
import { startZendeskSimulator } from './server.ts';

function intOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) {
    process.stderr.write(`--${name} takes a non-negative integer, got ${value}\n`);
    process.exit(2);
  }
  return Number(value);
}

const USAGE = 'usage: node main/simulators/zendesk/main.ts [--port N] [--activity-ms N] [--seed N] [--tickets N] [--organizations N]';

let values: Record<string, string | boolean | undefined>;
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string' },
      'activity-ms': { type: 'string' },
      seed: { type: 'string' },
      tickets: { type: 'string' },
      organizations: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  }));
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n${USAGE}\n`);
  process.exit(2);
}
if (values['help']) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const str = (key: string): string | undefined => {
  const v = values[key];
  return typeof v === 'string' ? v : undefined;
};

const activityMs = intOption(str('activity-ms'), 'activity-ms');
const sim = await startZendeskSimulator({
  port: intOption(str('port'), 'port') ?? 0,
  activityIntervalMs: activityMs === undefined ? 4000 : activityMs === 0 ? false : activityMs,
  seed: intOption(str('seed'), 'seed') ?? 1,
  tickets: intOption(str('tickets'), 'tickets') ?? 500,
  organizations: intOption(str('organizations'), 'organizations') ?? 300,
});

process.stdout.write(
  `Zendesk simulator listening on ${sim.url}\n` +
    `  auth: email ${sim.credentials.email}, API token ${sim.credentials.token}\n` +
    `  try: curl -u '${sim.credentials.email}/token:${sim.credentials.token}' '${sim.url}/api/v2/incremental/tickets/cursor.json?start_time=0&include=users,organizations'\n`,
);

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  sim.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
// The activity timer is unref'd; keep the process alive until a signal arrives.
setInterval(() => {}, 1 << 30);
