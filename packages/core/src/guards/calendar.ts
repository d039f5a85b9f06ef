/**
 * Mandatory rest days of the Ley Federal del Trabajo, art. 74, as a generated calendar:
 * fixed dates, the three "Monday" holidays (since the 2006 reform: first Monday of February,
 * third Monday of March, third Monday of November), and the day the federal executive takes
 * office every six years (1 December up to 2018; 1 October from 2024, reform of 2023).
 * Election days (fraction IX) vary by state and are added by the institution as extra days.
 */
export type RestDay = { date: string; name: string };

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** The n-th Monday (1-based) of a month. */
function nthMonday(year: number, month: number, n: number): number {
  const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  const firstMonday = 1 + ((8 - first) % 7);
  return firstMonday + 7 * (n - 1);
}

export function mexicanRestDays(year: number): RestDay[] {
  const days: RestDay[] = [
    { date: iso(year, 1, 1), name: 'Año Nuevo' },
    year >= 2006 ? { date: iso(year, 2, nthMonday(year, 2, 1)), name: 'Día de la Constitución' } : { date: iso(year, 2, 5), name: 'Día de la Constitución' },
    year >= 2006 ? { date: iso(year, 3, nthMonday(year, 3, 3)), name: 'Natalicio de Benito Juárez' } : { date: iso(year, 3, 21), name: 'Natalicio de Benito Juárez' },
    { date: iso(year, 5, 1), name: 'Día del Trabajo' },
    { date: iso(year, 9, 16), name: 'Día de la Independencia' },
    year >= 2006 ? { date: iso(year, 11, nthMonday(year, 11, 3)), name: 'Día de la Revolución' } : { date: iso(year, 11, 20), name: 'Día de la Revolución' },
    { date: iso(year, 12, 25), name: 'Navidad' },
  ];
  if (year >= 2024 && (year - 2024) % 6 === 0) days.push({ date: iso(year, 10, 1), name: 'Transmisión del Poder Ejecutivo Federal' });
  if (year <= 2018 && year >= 1934 && (year - 2018) % 6 === 0) days.push({ date: iso(year, 12, 1), name: 'Transmisión del Poder Ejecutivo Federal' });
  return days.sort((a, b) => a.date.localeCompare(b.date));
}

export type DayType = 'weekday' | 'weekend' | 'holiday';

/** Every day of a month with its type; `extraHolidays` are institution-declared days (e.g. election day). */
export function monthDays(year: number, month: number, extraHolidays: readonly string[] = []): { date: string; type: DayType; weekday: number; holiday?: string }[] {
  const holidays = new Map([...mexicanRestDays(year).map((d) => [d.date, d.name] as const), ...extraHolidays.map((d) => [d, 'Día inhábil institucional'] as const)]);
  const count = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return Array.from({ length: count }, (_, i) => {
    const date = iso(year, month, i + 1);
    const weekday = new Date(Date.UTC(year, month - 1, i + 1)).getUTCDay();
    const holiday = holidays.get(date);
    const type: DayType = holiday ? 'holiday' : weekday === 0 || weekday === 6 ? 'weekend' : 'weekday';
    return holiday ? { date, type, weekday, holiday } : { date, type, weekday };
  });
}
