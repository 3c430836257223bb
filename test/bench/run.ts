// `npm run bench`: measures against DESIGN.md §8's budgets, prints a table and writes bench/results.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import type { BenchRow } from './bench-row.ts';
import { benchSlaMetricsPerSecond } from './sla.ts';
import { benchInitialSync } from './sync-demo.ts';

const rows: BenchRow[] = [...(await benchInitialSync()), benchSlaMetricsPerSecond()];

mkdirSync('bench', { recursive: true });
writeFileSync('bench/results.json', `${JSON.stringify(rows, null, 2)}\n`);
console.table(rows.map((row) => ({ name: row.name, value: row.value, unit: row.unit, budget: row.budget, ok: row.ok ? 'ok' : 'OVER BUDGET' })));
console.log('written to bench/results.json');
process.exitCode = rows.every((row) => row.ok) ? 0 : 1;
