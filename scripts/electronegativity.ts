import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rendererCsp } from '../shared/security/renderer-csp.ts';

// Electronegativity over what runs in the shell: main/electron, the renderer and shared, scanned together so the
// global checks (CSP, navigation limits, permission handler) see the whole app. Any finding fails the run unless
// its line carries an `eng-disable CHECK_ID` comment saying why it does not apply.
interface Issue {
  file: string;
  sample?: string;
  location: { line: number; column: number };
  id: string;
  description: string;
}
interface Result {
  globalChecks: number;
  atomicChecks: number;
  errors: { file: string; message?: string }[];
  issues: Issue[];
}
type Run = (options: Record<string, unknown>) => Promise<Result>;

const require = createRequire(import.meta.url);
const electronegativity = require('@doyensec/electronegativity') as Run | { default: Run };
const run = typeof electronegativity === 'function' ? electronegativity : electronegativity.default;

const folders = process.argv.length > 2 ? process.argv.slice(2) : ['main/electron', 'renderer', 'shared'];
const scanRoot = mkdtempSync(join(tmpdir(), 'triage-eng-'));
for (const folder of folders) cpSync(folder, join(scanRoot, folder), { recursive: true });

const result = await run({
  input: scanRoot,
  isRelative: true,
  electronVersionOverride: '45.4.1',
  // This check downloads Electron's release list, and CI has no network; the Electron pin is reviewed on upgrade.
  excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
});
rmSync(scanRoot, { recursive: true, force: true });

/**
 * Global checks ignore inline `eng-disable` comments, so their justifications live here, each pinned to the exact
 * file and sample it covers: a changed CSP is a new finding.
 */
const JUSTIFIED: { id: string; file: string; sample: string; why: string }[] = [
  {
    id: 'CSP_GLOBAL_CHECK',
    file: 'renderer/index.html',
    sample: rendererCsp().replace(/; frame-ancestors 'none'/, ''),
    why: "the evaluator's only remark is that script-src 'self' is risky with JSONP or uploads; our origin serves only the bundled app",
  },
];
const justified = (issue: Issue) =>
  JUSTIFIED.find((entry) => entry.id === issue.id && entry.file === issue.file && entry.sample === issue.sample?.trim());

const findings = result.issues.filter((issue) => !justified(issue));
for (const issue of result.issues.filter(justified)) console.log(`justified: ${issue.file} ${issue.id}: ${justified(issue)!.why}`);
for (const issue of findings) {
  console.log(`${issue.file}:${issue.location.line}:${issue.location.column}  ${issue.id}  ${issue.description}${issue.sample ? `\n    ${issue.sample}` : ''}`);
}
for (const error of result.errors) console.log(`could not parse ${error.file}: ${error.message ?? ''}`);
console.log(
  `electronegativity over ${folders.join(', ')}: ${result.globalChecks} global and ${result.atomicChecks} atomic checks, ` +
    `${findings.length} unjustified findings, ${result.errors.length} parse errors`,
);
// Exit explicitly: the library leaves a network retry timer behind that would crash the process later.
process.exit(findings.length + result.errors.length > 0 ? 1 : 0);
