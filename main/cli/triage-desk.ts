import { ConfigError } from '../core/config/env-references.ts';
import { PROCESS_IO, type CliIo, writeLine } from './cli-io.ts';
import { runAuthCommand } from './commands/auth.ts';
import { runOutboxCommand } from './commands/outbox.ts';
import { runQuarantineCommand } from './commands/quarantine.ts';
import { runReplyCommand } from './commands/reply.ts';
import { runStatusCommand } from './commands/status.ts';
import { runSyncCommand } from './commands/sync.ts';
import { runTicketsCommand } from './commands/tickets.ts';
import { runSlaCommand } from './commands/sla.ts';
import { USAGE, UsageError } from './usage.ts';

/** The `triage-desk` command: returns the exit code. */
export async function main(argv: string[], io: CliIo = PROCESS_IO): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        writeLine(command === undefined ? io.stderr : io.stdout, USAGE);
        return command === undefined ? 2 : 0;
      case 'sync':
        return await runSyncCommand(rest, io);
      case 'auth':
        return await runAuthCommand(rest, io);
      case 'tickets':
        return await runTicketsCommand(rest, io);
      case 'status':
        return await runStatusCommand(rest, io);
      case 'quarantine':
        return await runQuarantineCommand(rest, io);
      case 'sla':
        return await runSlaCommand(rest, io);
      case 'reply':
        return await runReplyCommand(rest, io);
      case 'outbox':
        return await runOutboxCommand(rest, io);
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      writeLine(io.stderr, `triage-desk: ${(error as Error).message}`);
      writeLine(io.stderr, USAGE.split('\n')[0]!);
      return 2;
    }
    if (error instanceof ConfigError) {
      writeLine(io.stderr, `triage-desk: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}
