/**
 * Numbers as the institute's bulletins write them: digits below 1,000; thousands as
 * "N mil M" without leading zeros (21,040 → "21 mil 40", 12,000 → "12 mil"); millions as
 * "358 millones" (with the thousands after it when there are any).
 */
export function bulletinNumber(value: number): string {
  const n = Math.round(Math.abs(value));
  const sign = value < 0 ? '-' : '';
  if (n < 1000) return `${sign}${n}`;
  const millions = Math.floor(n / 1_000_000);
  const thousands = Math.floor((n % 1_000_000) / 1000);
  const units = n % 1000;
  const parts: string[] = [];
  if (millions) parts.push(millions === 1 ? '1 millón' : `${millions} millones`);
  if (thousands) parts.push(`${thousands} mil`);
  if (units) parts.push(String(units));
  return sign + parts.join(' ');
}

/** A count with its noun in bulletin style, agreeing in number: "1 sede académica", "254 sedes académicas". */
export function countOf(value: number, singular: string, plural: string): string {
  return `${bulletinNumber(value)} ${Math.round(Math.abs(value)) === 1 ? singular : plural}`;
}
