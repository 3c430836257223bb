#!/usr/bin/env node
// A plain-JS entry so an older Node gets a clear message instead of a syntax error from the TypeScript sources.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(`triage-desk needs Node 24 or newer (this is ${process.version}); run it through npm or npx in the project folder, which use the project's pinned Node.`);
  process.exit(1);
}
const { main } = await import('./triage-desk.ts');
process.exitCode = await main(process.argv.slice(2));
