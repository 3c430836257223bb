/**
 * Runs the Zendesk simulator by hand:
 *   node main/simulators/zendesk/main.ts [--port N] [--activity-ms N] [--seed N] [--tickets N] [--organizations N] [--agent-token T]
 * Prints the URL and the demo credentials (an admin's, and an agent's whom the incremental exports refuse); Ctrl-C
 * stops it.
 */

import { parseSimulatorArgs, runUntilSignal } from '../common/command-line.ts';
import { startZendeskSimulator } from './server.ts';

const args = parseSimulatorArgs({
  usage: 'usage: node main/simulators/zendesk/main.ts [--port N] [--activity-ms N] [--seed N] [--tickets N] [--organizations N] [--agent-token T]',
  options: ['tickets', 'organizations', 'agent-token'],
});
const sim = await startZendeskSimulator({
  port: args.port,
  activityIntervalMs: args.activityIntervalMs,
  seed: args.seed,
  tickets: args.int('tickets') ?? 500,
  organizations: args.int('organizations') ?? 300,
  agentToken: args.string('agent-token'),
});

process.stdout.write(
  `Zendesk simulator listening on ${sim.url}\n` +
    `  auth: email ${sim.credentials.email}, API token ${sim.credentials.token}; or OAuth client ${sim.oauth.settings.clientId} (no login page)\n` +
    `  an agent (no incremental exports): email ${sim.agentCredentials.email}, API token ${sim.agentCredentials.token}\n` +
    `  try: curl -u '${sim.credentials.email}/token:${sim.credentials.token}' '${sim.url}/api/v2/incremental/tickets/cursor.json?start_time=0&include=users,organizations'\n`,
);
runUntilSignal(sim);
