// `triage-desk sla due|elapsed`: JSON Lines in, one JSON answer per line out, same order. A bad line answers
// {"error": ...} and the stream carries on; the exit code is 1 only if a line was not JSON at all.
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { SlaRequestAnswerer } from '../../../shared/sla/index.ts';
import type { CliIo } from '../cli-io.ts';
import { runSlaExplainCommand } from './sla-explain.ts';

const USAGE =
  'usage: triage-desk sla due|elapsed  (JSON Lines on stdin, one JSON answer per line on stdout)\n' +
  '       triage-desk sla explain --data-dir DIR --ticket ACCOUNT:ID [--at ISO] [--json]';

// Answers are written in batches; waiting for 'drain' keeps a huge input from piling up in memory.
const BATCH_LINES = 512;

export async function runSlaCommand(
  args: string[],
  io: CliIo,
): Promise<number> {
  const [subcommand, ...rest] = args;
  if (subcommand === 'explain') return runSlaExplainCommand(rest, io);
  if ((subcommand !== 'due' && subcommand !== 'elapsed') || rest.length > 0) {
    io.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const answerer = new SlaRequestAnswerer();
  let exitCode = 0;
  let lineNumber = 0;
  let batch: string[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const text = batch.join('');
    batch = [];
    if (!io.stdout.write(text)) await once(io.stdout, 'drain');
  };

  for await (const line of createInterface({ input: io.stdin, crlfDelay: Infinity })) {
    lineNumber += 1;
    if (line.trim() === '') continue;
    let answer: object;
    try {
      const input: unknown = JSON.parse(line);
      answer = subcommand === 'due' ? answerer.due(input) : answerer.elapsed(input);
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      answer = { error: `line ${lineNumber}: not JSON (${error.message})` };
      exitCode = 1;
    }
    batch.push(`${JSON.stringify(answer)}\n`);
    if (batch.length >= BATCH_LINES) await flush();
  }
  await flush();
  return exitCode;
}
