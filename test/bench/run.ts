// `npm run bench`: measures against DESIGN.md §8's budgets, prints a table and writes bench/results.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import type { BenchRow } from './bench-row.ts';
import { benchSlaMetricsPerSecond } from './sla.ts';
import { benchInitialSync } from './sync-demo.ts';
import { benchUi } from './ui.ts';

// `npm run bench -- ui` (or sync, sla): only the rows of the groups named; every row without one.
const groups = process.argv.slice(2);
const wanted = (group: string): boolean => groups.length === 0 || groups.includes(group);

const rows: BenchRow[] = [
  ...(wanted('sync') ? await benchInitialSync() : []),
  ...(wanted('sla') ? [benchSlaMetricsPerSecond()] : []),
  ...(wanted('ui') ? await benchUi() : []),
];

mkdirSync('bench', { recursive: true });
writeFileSync('bench/results.json', `${JSON.stringify(rows, null, 2)}\n`);
console.table(rows.map((row) => ({ name: row.name, value: row.value, unit: row.unit, budget: row.budget, ok: row.ok ? 'ok' : 'OVER BUDGET' })));
console.log('written to bench/results.json');
process.exitCode = rows.every((row) => row.ok) ? 0 : 1;
