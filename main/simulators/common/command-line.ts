/**
 * What the simulators' main.ts share: the options every simulator takes (--port, --activity-ms, --seed, --help)
 * besides its own, and running until SIGINT or SIGTERM. A bad option prints why and exits with status 2.
 */

import { parseArgs } from 'node:util';

export interface SimulatorCommandLine {
  /** The usage line, printed by --help and after a bad option. */
  usage: string;
  /** The simulator's own options, each taking a value. */
  options: readonly string[];
  /** Print the usage line after a bad integer too (Help Scout's command line does). */
  usageAfterBadInteger?: boolean;
}

export interface SimulatorArgs {
  /** --port, default 0: a free port. */
  port: number;
  /** --activity-ms, default 4000; 0 turns the activity off. */
  activityIntervalMs: number | false;
  /** --seed, default 1. */
  seed: number;
  /** One of the simulator's own options, if given. */
  string(name: string): string | undefined;
  /** One of the simulator's own options as a non-negative integer, if given; anything else exits with status 2. */
  int(name: string): number | undefined;
}

export function parseSimulatorArgs(commandLine: SimulatorCommandLine): SimulatorArgs {
  const { usage } = commandLine;
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        'activity-ms': { type: 'string' },
        seed: { type: 'string' },
        ...Object.fromEntries(commandLine.options.map((name) => [name, { type: 'string' as const }])),
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n${usage}\n`);
    process.exit(2);
  }
  if (values['help']) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  const string = (name: string): string | undefined => {
    const v = values[name];
    return typeof v === 'string' ? v : undefined;
  };
  const int = (name: string): number | undefined => {
    const value = string(name);
    if (value === undefined) return undefined;
    if (!/^\d+$/.test(value)) {
      process.stderr.write(`--${name} takes a non-negative integer, got ${value}\n${commandLine.usageAfterBadInteger ? `${usage}\n` : ''}`);
      process.exit(2);
    }
    return Number(value);
  };
  const activityMs = int('activity-ms');
  return {
    activityIntervalMs: activityMs === undefined ? 4000 : activityMs === 0 ? false : activityMs,
    port: int('port') ?? 0,
    seed: int('seed') ?? 1,
    string,
    int,
  };
}

/** Closes the simulator on SIGINT or SIGTERM and exits; until then keeps the process alive. */
export function runUntilSignal(sim: { close(): Promise<void> }): void {
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
}
