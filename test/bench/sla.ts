// Bench row sla.metrics_per_s: due computations per second on business calendars (budget >= 200,000 on 2 cores).
import { dueInstant, parseCalendar, parseIsoInstant, pauseList, type BusinessCalendar, type PauseList } from '../../shared/sla/index.ts';

const weekdays = (window: [string, string]) => ({ mon: [window], tue: [window], wed: [window], thu: [window], fri: [window] });
const allDay: [string, string][] = [['00:00', '24:00']];

const CALENDARS: readonly [BusinessCalendar, ...BusinessCalendar[]] = [
  parseCalendar({
    timezone: 'Europe/Berlin',
    hours: weekdays(['09:00', '17:00']),
    holidays: ['2024-01-01', '2024-03-29', '2024-04-01', '2024-05-01', '2024-05-09', '2024-05-20', '2024-10-03', '2024-12-25', '2024-12-26'],
  }),
  parseCalendar({ timezone: 'America/New_York', hours: weekdays(['07:00', '21:00']), holidays: ['2024-01-01', '2024-05-27', '2024-07-04', '2024-09-02', '2024-11-28', '2024-12-25'] }),
  parseCalendar({ timezone: 'UTC', hours: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay } }),
];

// The policy's targets: 1 h, 4 h, 8 h, 24 h and 48 h.
const TARGETS: readonly [number, ...number[]] = [3600, 4 * 3600, 8 * 3600, 24 * 3600, 48 * 3600];

interface Job {
  readonly calendar: BusinessCalendar;
  readonly start: number;
  readonly target: number;
  readonly pauses: PauseList;
}

// Tickets created at any second of 2024; one in four has been pending for a while.
function makeJobs(count: number): Job[] {
  const yearStart = parseIsoInstant('2024-01-01T00:00:00Z') ?? 0;
  let seed = 0x2545f491;
  const next = (n: number): number => {
    seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
    return seed % n;
  };
  const pick = <T,>(items: readonly [T, ...T[]]): T => items[next(items.length)] ?? items[0];
  return Array.from({ length: count }, () => {
    const start = yearStart + next(366 * 86_400);
    const pauseStart = start + next(3 * 86_400);
    return {
      calendar: pick(CALENDARS),
      start,
      target: pick(TARGETS),
      pauses: next(4) === 0 ? pauseList([[pauseStart, pauseStart + next(86_400)]]) : pauseList([]),
    };
  });
}

function run(jobs: readonly Job[]): number {
  let checksum = 0;
  for (const job of jobs) checksum += dueInstant(job.calendar, job.start, job.target, job.pauses);
  return checksum;
}

export function benchSlaMetricsPerSecond(): { name: 'sla.metrics_per_s'; value: number; unit: 'metrics/s'; budget: '>= 200000'; ok: boolean } {
  const jobs = makeJobs(300_000);
  run(jobs.slice(0, 50_000)); // warm up the JIT and the calendars' per-date caches
  const started = performance.now();
  const checksum = run(jobs);
  const seconds = (performance.now() - started) / 1000;
  if (!Number.isFinite(checksum)) throw new Error('sla bench: a due instant was not finite');
  const value = Math.round(jobs.length / seconds);
  return { name: 'sla.metrics_per_s', value, unit: 'metrics/s', budget: '>= 200000', ok: value >= 200_000 };
}
