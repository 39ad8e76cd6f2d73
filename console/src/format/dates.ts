/**
 * Dates as the console shows them. Business dates (valueDate, paidOn, dueOn…) are China calendar
 * dates already and are shown as they are; timestamps (recordedAt…) are ISO UTC instants and are
 * shown in China time (Asia/Shanghai), whatever zone the browser or the test machine is in.
 */
import { chinaDate, isBusinessDate, type BusinessDate } from '../../../domain/dates';

export type { BusinessDate };

export const CHINA_TIME_ZONE = 'Asia/Shanghai';

let formatter: Intl.DateTimeFormat | undefined;
function chinaFormatter(): Intl.DateTimeFormat {
  formatter ??= new Intl.DateTimeFormat('en-US', {
    timeZone: CHINA_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  return formatter;
}

const EMPTY = '—';

/** "2025-07-15" → "2025-07-15"; anything that is not a business date is shown as received. */
export function formatBusinessDate(date: BusinessDate | null | undefined): string {
  if (date === null || date === undefined || date === '') return EMPTY;
  return isBusinessDate(date) ? date : String(date);
}

/** ISO instant → "2025-07-15 09:03:22" in China time; unparseable text is shown as received. */
export function formatTimestamp(iso: string | null | undefined): string {
  if (iso === null || iso === undefined || iso === '') return EMPTY;
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return String(iso);
  const parts: Record<string, string> = {};
  for (const p of chinaFormatter().formatToParts(instant)) parts[p.type] = p.value;
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** Today's business date in China (the date the API calls "today"). */
export function todayInChina(now: Date = new Date()): BusinessDate {
  return chinaDate(now);
}
