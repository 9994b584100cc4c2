/** Berlin wall-clock date + time (as typed) -> ISO instant with offset, and back for display. */
import { isIsoDate } from '../../../../shared/domain/common/dates';

const partsFmt = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Berlin',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function berlinWallMs(ms: number): number {
  const p = Object.fromEntries(partsFmt.formatToParts(ms).map((x) => [x.type, x.value]));
  return Date.UTC(
    Number(p['year']),
    Number(p['month']) - 1,
    Number(p['day']),
    Number(p['hour']),
    Number(p['minute']),
  );
}

/** '2026-11-23' + '09:30' (Berlin) -> '2026-11-23T08:30:00.000Z'; null when either part is malformed. */
export function berlinInstant(date: string, time: string): string | null {
  const t = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  if (!isIsoDate(date) || !t) return null;
  const [h, m] = [Number(t[1]), Number(t[2])];
  if (h > 23 || m > 59) return null;
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, m);
  let guess = wall - (berlinWallMs(wall) - wall);
  guess = wall - (berlinWallMs(guess) - guess);
  return new Date(guess).toISOString();
}
