/**
 * A minimal iCalendar (RFC 5545) writer for a resident's guardias and rotations. Times are local
 * (floating), as the wards read them; lines are folded at 75 octets and text is escaped.
 */
export type CalendarEvent = { uid: string; summary: string; start: string; end: string; allDay?: boolean; description?: string };

const escape = (s: string) => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
const bytes = (s: string) => new TextEncoder().encode(s).length;
const fold = (line: string) => {
  const out: string[] = [];
  let rest = line;
  while (bytes(rest) > 75) {
    let cut = 75;
    while (bytes(rest.slice(0, cut)) > 75) cut--;
    out.push(rest.slice(0, cut));
    rest = ` ${rest.slice(cut)}`;
  }
  out.push(rest);
  return out.join('\r\n');
};
const stamp = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
const local = (iso: string) => iso.replace(/[-:]/g, '').slice(0, 15);

export function toICalendar(name: string, events: CalendarEvent[], now = new Date()): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//SIREM//Guardias//ES', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${escape(name)}`];
  for (const e of events) {
    lines.push('BEGIN:VEVENT', `UID:${e.uid}`, `DTSTAMP:${stamp(now.toISOString())}`);
    if (e.allDay) lines.push(`DTSTART;VALUE=DATE:${e.start.replace(/-/g, '')}`, `DTEND;VALUE=DATE:${e.end.replace(/-/g, '')}`);
    else lines.push(`DTSTART:${local(e.start)}`, `DTEND:${local(e.end)}`);
    lines.push(`SUMMARY:${escape(e.summary)}`);
    if (e.description) lines.push(`DESCRIPTION:${escape(e.description)}`);
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}

/** When a guardia starts and ends: weekdays from the end of the morning shift to the next morning; weekends and holidays 24 h. */
export function guardTimes(date: string, type: 'weekday' | 'weekend' | 'holiday', morningStart = '07:00', weekdayHours = 16): { start: string; end: string } {
  const next = new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const [h, m] = morningStart.split(':').map(Number) as [number, number];
  const startHour = type === 'weekday' ? h + (24 - weekdayHours) : h;
  const pad = (n: number) => String(n).padStart(2, '0');
  return { start: `${date}T${pad(startHour % 24)}:${pad(m)}:00`, end: `${next}T${pad(h)}:${pad(m)}:00` };
}
