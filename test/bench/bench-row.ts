/** One line of `npm run bench`'s table and of bench/results.json. */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  budget: string;
  ok: boolean;
}
