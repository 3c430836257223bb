export interface CliIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

export const PROCESS_IO: CliIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };

export function writeLine(stream: NodeJS.WritableStream, line: string): void {
  stream.write(`${line}\n`);
}

/** Helpdesk errors can quote a body with line breaks: a listing's line stays one line. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
