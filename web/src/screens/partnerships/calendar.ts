/**
 * @module web/screens/partnerships/calendar
 * The outreach calendar as a list by month: events in date order, grouped under the month they start
 * in, each with whether it is planned, under way or held on the date looked at. Pure.
 */
export interface CalendarEvent { code: string; from: string; to: string | null }

export type EventTiming = 'planned' | 'under-way' | 'held';

/** Whether an event is planned, under way or held on `on` (as the registry's state says). */
export function timingOf(event: CalendarEvent, on: string): EventTiming {
  if (on < event.from) return 'planned';
  return on <= (event.to ?? event.from) ? 'under-way' : 'held';
}

/**
 * @example calendarMonths([{ code: 'a', from: '2024-03-17', to: null }]) // [{ month: '2024-03', events: [a] }]
 */
export function calendarMonths<T extends CalendarEvent>(events: readonly T[]): Array<{ month: string; events: T[] }> {
  const sorted = [...events].sort((a, b) => a.from.localeCompare(b.from) || a.code.localeCompare(b.code));
  const months: Array<{ month: string; events: T[] }> = [];
  for (const event of sorted) {
    const month = event.from.slice(0, 7);
    const last = months[months.length - 1];
    if (last && last.month === month) last.events.push(event);
    else months.push({ month, events: [event] });
  }
  return months;
}
