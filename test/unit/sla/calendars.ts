// Calendars shared by the SLA tests.
import type { CalendarSpec } from '../../../shared/sla/index.ts';

const weekdays = (...windows: [string, string][]): CalendarSpec['hours'] => ({ mon: windows, tue: windows, wed: windows, thu: windows, fri: windows });
const everyDay = (...windows: [string, string][]): CalendarSpec['hours'] => ({ ...weekdays(...windows), sat: windows, sun: windows });

/** Mon-Fri 09:00-17:00 Berlin with Easter Monday and Christmas 2024. */
export const BERLIN_OFFICE: CalendarSpec = {
  timezone: 'Europe/Berlin',
  hours: weekdays(['09:00', '17:00']),
  holidays: ['2024-04-01', '2024-12-25', '2024-12-26'],
};

/** Berlin with a lunch break on Tuesdays. */
export const BERLIN_LUNCH: CalendarSpec = {
  timezone: 'Europe/Berlin',
  hours: { ...weekdays(['09:00', '17:00']), tue: [['09:00', '12:00'], ['13:00', '17:00']] },
};

/** New York extended hours plus a Saturday night shift that runs into Sunday. */
export const NEW_YORK_EXTENDED: CalendarSpec = {
  timezone: 'America/New_York',
  hours: { ...weekdays(['07:00', '21:00']), sat: [['22:00', '06:00']] },
  holidays: ['2024-07-04'],
};

export const NEW_YORK_24X7: CalendarSpec = { timezone: 'America/New_York', hours: everyDay(['00:00', '24:00']) };
export const UTC_24X7: CalendarSpec = { timezone: 'UTC', hours: everyDay(['00:00', '24:00']) };

/** A night desk in Berlin: every night 22:00-06:00. */
export const BERLIN_NIGHTS: CalendarSpec = { timezone: 'Europe/Berlin', hours: everyDay(['22:00', '06:00']) };

/** Tokyo round the clock except its holidays, to tell local dates from UTC dates. */
export const TOKYO_24X7_HOLIDAY: CalendarSpec = { timezone: 'Asia/Tokyo', hours: everyDay(['00:00', '24:00']), holidays: ['2024-12-25'] };

/** Lord Howe Island, whose DST shift is 30 minutes, with early-morning Sunday windows around the shifts. */
export const LORD_HOWE: CalendarSpec = {
  timezone: 'Australia/Lord_Howe',
  hours: { ...weekdays(['09:00', '17:00']), sun: [['01:00', '03:00']] },
};

/** Berlin windows that start and end inside the spring-forward gap and the fall-back repeat (02:00-03:00). */
export const BERLIN_SMALL_HOURS: CalendarSpec = {
  timezone: 'Europe/Berlin',
  hours: { ...weekdays(['09:00', '17:00']), sat: [['23:00', '02:15']], sun: [['02:30', '05:00']] },
};
