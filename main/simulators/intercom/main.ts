/**
 * Runs the Intercom simulator by hand:
 *   node main/simulators/intercom/main.ts [--port N] [--activity-ms N] [--seed N] [--conversations N] [--companies N] [--token T]
 * Prints the URL and the access token; Ctrl-C stops it.
 */

import { parseArgs } from 'node:util';
import { DEFAULT_TOKEN, startIntercomSimulator } from './server.ts';

function intOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) {
    process.stderr.write(`--${name} takes a non-negative integer, got ${value}\n`);
    process.exit(2);
  }
  return Number(value);
}

const USAGE =
  'usage: node main/simulators/intercom/main.ts [--port N] [--activity-ms N] [--seed N] [--conversations N] [--companies N] [--token T]';

let values: Record<string, string | boolean | undefined>;
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string' },
      'activity-ms': { type: 'string' },
      seed: { type: 'string' },
      conversations: { type: 'string' },
      companies: { type: 'string' },
      token: { type: 'string' },
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
const sim = await startIntercomSimulator({
  port: intOption(str('port'), 'port') ?? 0,
  activityIntervalMs: activityMs === undefined ? 4000 : activityMs === 0 ? false : activityMs,
  seed: intOption(str('seed'), 'seed') ?? 1,
  conversations: intOption(str('conversations'), 'conversations') ?? 500,
  companies: intOption(str('companies'), 'companies') ?? 300,
  token: str('token') ?? DEFAULT_TOKEN,
});

process.stdout.write(
  `Intercom simulator (API 2.16) listening on ${sim.url}\n` +
    `  auth: Authorization: Bearer ${sim.token}\n` +
    `  try: curl -H 'Authorization: Bearer ${sim.token}' -H 'Intercom-Version: 2.16' -H 'Content-Type: application/json' ` +
    `-d '{"query":{"field":"updated_at","operator":">","value":0},"pagination":{"per_page":5}}' '${sim.url}/conversations/search'\n`,
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
