/**
 * Runs the Help Scout simulator by hand:
 *   node main/simulators/helpscout/main.ts [--port N] [--activity-ms N] [--seed N] [--conversations N] [--organizations N] [--mailboxes N]
 * Prints the URL and the OAuth app's credentials; Ctrl-C stops it.
 */

import { parseSimulatorArgs, runUntilSignal } from '../common/command-line.ts';
import { startHelpScoutSimulator } from './server.ts';

const args = parseSimulatorArgs({
  usage: 'usage: node main/simulators/helpscout/main.ts [--port N] [--activity-ms N] [--seed N] [--conversations N] [--organizations N] [--mailboxes N]',
  options: ['conversations', 'organizations', 'mailboxes'],
  usageAfterBadInteger: true,
});
const sim = await startHelpScoutSimulator({
  port: args.port,
  activityIntervalMs: args.activityIntervalMs,
  seed: args.seed,
  conversations: args.int('conversations') ?? 500,
  organizations: args.int('organizations') ?? 300,
  mailboxes: args.int('mailboxes') ?? 2,
});

process.stdout.write(
  `Help Scout simulator listening on ${sim.url}\n` +
    `  OAuth app: client_id ${sim.clientId}, client_secret ${sim.clientSecret}\n` +
    `  try: TOKEN=$(curl -s -d grant_type=client_credentials -d client_id=${sim.clientId} -d client_secret=${sim.clientSecret} ${sim.url}/v2/oauth2/token | sed 's/.*"access_token":"\\([^"]*\\)".*/\\1/')\n` +
    `       curl -H "Authorization: Bearer $TOKEN" '${sim.url}/v2/conversations?status=all&sortField=modifiedAt&sortOrder=asc'\n`,
);
runUntilSignal(sim);
