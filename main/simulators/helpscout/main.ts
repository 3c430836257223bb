/**
 * Runs the Help Scout simulator by hand:
 *   node main/simulators/helpscout/main.ts [--port N] [--activity-ms N] [--seed N] [--conversations N] [--organizations N] [--mailboxes N]
 * Prints the URL and the OAuth app's credentials; Ctrl-C stops it.
 */

import { parseArgs } from 'node:util';
import { startHelpScoutSimulator } from './server.ts';

const USAGE =
  'usage: node main/simulators/helpscout/main.ts [--port N] [--activity-ms N] [--seed N] [--conversations N] [--organizations N] [--mailboxes N]';

function intOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) {
    process.stderr.write(`--${name} takes a non-negative integer, got ${value}\n${USAGE}\n`);
    process.exit(2);
  }
  return Number(value);
}

let values: Record<string, string | boolean | undefined>;
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string' },
      'activity-ms': { type: 'string' },
      seed: { type: 'string' },
      conversations: { type: 'string' },
      organizations: { type: 'string' },
      mailboxes: { type: 'string' },
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
const sim = await startHelpScoutSimulator({
  port: intOption(str('port'), 'port') ?? 0,
  activityIntervalMs: activityMs === undefined ? 4000 : activityMs === 0 ? false : activityMs,
  seed: intOption(str('seed'), 'seed') ?? 1,
  conversations: intOption(str('conversations'), 'conversations') ?? 500,
  organizations: intOption(str('organizations'), 'organizations') ?? 300,
  mailboxes: intOption(str('mailboxes'), 'mailboxes') ?? 2,
});

process.stdout.write(
  `Help Scout simulator listening on ${sim.url}\n` +
    `  OAuth app: client_id ${sim.clientId}, client_secret ${sim.clientSecret}\n` +
    `  try: TOKEN=$(curl -s -d grant_type=client_credentials -d client_id=${sim.clientId} -d client_secret=${sim.clientSecret} ${sim.url}/v2/oauth2/token | sed 's/.*"access_token":"\\([^"]*\\)".*/\\1/')\n` +
    `       curl -H "Authorization: Bearer $TOKEN" '${sim.url}/v2/conversations?status=all&sortField=modifiedAt&sortOrder=asc'\n`,
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
