import { appError } from '@etika/kit';
import { LOCALES, type Locale } from '@etika/schema';

/** One cell: text people typed or systems named (guarded against formulas), an amount, a count, a day or an instant. */
export type Cell =
  | { readonly text: string | null }
  | { readonly amount: bigint; readonly decimals: number }
  | { readonly count: number }
  | { readonly share: number }
  | { readonly day: string }
  | { readonly at: Date };

export function localeOrThrow(locale: string): Locale {
  if (!(LOCALES as readonly string[]).includes(locale)) throw appError('BAD_USER_INPUT', `locale is one of ${LOCALES.join(', ')}`, { field: 'locale' });
  return locale as Locale;
}

export function decimalsOrThrow(decimals: number): number {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 18) throw appError('BAD_USER_INPUT', 'decimals is between 0 and 18', { field: 'decimals' });
  return decimals;
}

/** The separator spreadsheets of the locale expect: where the decimal mark is a comma, fields are split by semicolons. */
const SEPARATOR: Record<Locale, string> = { en: ',', fr: ';' };

/** Minor units as a decimal in the locale, exactly (the formatter reads the decimal string, never a float). */
export function formatAmount(amount: bigint, decimals: number, locale: Locale): string {
  const negative = amount < 0n;
  const digits = (negative ? -amount : amount).toString().padStart(decimals + 1, '0');
  const decimal = decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
  const format = new Intl.NumberFormat(locale, { useGrouping: false, minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  return format.format(`${negative ? '-' : ''}${decimal}` as unknown as number);
}

function formatCell(cell: Cell, locale: Locale, timeZone: string): string {
  if ('text' in cell) {
    const text = cell.text ?? '';
    // a cell a spreadsheet would run as a formula is kept as text
    return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  }
  if ('amount' in cell) return formatAmount(cell.amount, cell.decimals, locale);
  if ('count' in cell) return String(cell.count);
  if ('share' in cell) return new Intl.NumberFormat(locale, { useGrouping: false, style: 'percent', maximumFractionDigits: 2 }).format(cell.share);
  if ('day' in cell) return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(`${cell.day}T00:00:00Z`));
  return new Intl.DateTimeFormat(locale, { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(cell.at);
}

function quote(value: string, separator: string): string {
  return /["\r\n]/.test(value) || value.includes(separator) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** RFC 4180 CSV (CRLF line ends) with the locale's separator, numbers and dates. */
export function toCsv(headers: readonly string[], rows: readonly (readonly Cell[])[], locale: Locale, timeZone = 'UTC'): string {
  const sep = SEPARATOR[locale];
  const line = (cells: readonly string[]) => cells.map((c) => quote(c, sep)).join(sep);
  return [line(headers), ...rows.map((r) => line(r.map((c) => formatCell(c, locale, timeZone))))].map((l) => `${l}\r\n`).join('');
}
