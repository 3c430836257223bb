/**
 * Runs the Intercom simulator by hand:
 *   node main/simulators/intercom/main.ts [--port N] [--activity-ms N] [--seed N] [--conversations N] [--companies N] [--token T]
 * Prints the URL and the access token; Ctrl-C stops it.
 */

import { parseSimulatorArgs, runUntilSignal } from '../common/command-line.ts';
import { DEFAULT_TOKEN, startIntercomSimulator } from './server.ts';

const args = parseSimulatorArgs({
  usage: 'usage: node main/simulators/intercom/main.ts [--port N] [--activity-ms N] [--seed N] [--conversations N] [--companies N] [--token T]',
  options: ['conversations', 'companies', 'token'],
});
const sim = await startIntercomSimulator({
  port: args.port,
  activityIntervalMs: args.activityIntervalMs,
  seed: args.seed,
  conversations: args.int('conversations') ?? 500,
  companies: args.int('companies') ?? 300,
  token: args.string('token') ?? DEFAULT_TOKEN,
});

process.stdout.write(
  `Intercom simulator (API 2.16) listening on ${sim.url}\n` +
    `  auth: Authorization: Bearer ${sim.token}\n` +
    `  try: curl -H 'Authorization: Bearer ${sim.token}' -H 'Intercom-Version: 2.16' -H 'Content-Type: application/json' ` +
    `-d '{"query":{"field":"updated_at","operator":">","value":0},"pagination":{"per_page":5}}' '${sim.url}/conversations/search'\n`,
);
runUntilSignal(sim);
