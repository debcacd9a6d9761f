/**
 * Token amounts between people and the wire. The wire carries whole minor units as a string; in code they are
 * `bigint`, never `number`. People read and type them in their locale: in French `1 000,50`, in English
 * `1,000.50`. Nothing a person typed is ever silently dropped: anything ambiguous is refused with a reason.
 */

/** Why a typed amount was refused; each has a sentence in the catalogues (`amount.<reason>`). */
export type AmountProblem = 'empty' | 'invalid' | 'negative' | 'zero' | 'grouping' | 'commaDecimal' | 'tooManyDecimals' | 'wholeOnly';

export type ParsedAmount = { readonly ok: true; readonly minor: bigint } | { readonly ok: false; readonly problem: AmountProblem };

interface Separators {
  readonly decimal: string;
  readonly group: string;
}

const SPACES = /[\s\u00a0\u202f\u2009]/;

function separators(locale: string): Separators {
  const parts = new Intl.NumberFormat(locale).formatToParts(1000.5);
  return {
    decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
    group: parts.find((p) => p.type === 'group')?.value ?? ',',
  };
}

/** A whole part written with group separators must group by threes: `1 000`, `12,345`, never `1,5` or `10 00`. */
function ungroup(whole: string, group: RegExp): string | null {
  const groups = whole.split(group);
  if (groups.length === 1) return /^\d*$/.test(whole) ? whole : null;
  const [first, ...rest] = groups;
  if (!first || !/^\d{1,3}$/.test(first) || rest.some((g) => !/^\d{3}$/.test(g))) return null;
  return groups.join('');
}

/**
 * What a person typed → minor units. In a locale whose decimal mark is a comma (French), a dot is also read as
 * the decimal mark (phone keypads often offer only a dot) and spaces of any kind group thousands. In a locale
 * whose decimal mark is a dot (English), a comma only groups thousands, so `1,5` is refused, never read as 15.
 * `.5` and `5.` are read like `0.5` and `5`; zeros after the token's decimals change nothing and are accepted.
 */
export function parseAmount(input: string, decimals: number, locale: string): ParsedAmount {
  const text = input.trim();
  if (text === '') return { ok: false, problem: 'empty' };
  if (/^[-−‐–]/.test(text)) return { ok: false, problem: 'negative' };
  const { decimal } = separators(locale);
  const commaLocale = decimal === ',';
  const decimalMarks = commaLocale ? /[,.]/g : /\./g;
  const marks = text.match(decimalMarks) ?? [];
  if (marks.length > 1) return { ok: false, problem: commaLocale ? 'invalid' : 'grouping' };
  const at = marks.length === 1 ? text.search(decimalMarks) : -1;
  const wholeText = at === -1 ? text : text.slice(0, at);
  const fractionText = at === -1 ? '' : text.slice(at + 1);
  if (!/^\d*$/.test(fractionText)) return { ok: false, problem: !commaLocale && fractionText.includes(',') ? 'grouping' : 'invalid' };
  if (!commaLocale && at === -1 && /^\d{1,3}(,\d{1,2}|,\d{4,})$/.test(wholeText)) return { ok: false, problem: 'commaDecimal' };
  const groupPattern = commaLocale ? new RegExp(SPACES.source) : /,/;
  if (!commaLocale && SPACES.test(wholeText)) return { ok: false, problem: 'invalid' };
  const whole = ungroup(wholeText, groupPattern);
  if (whole === null) return { ok: false, problem: /\d/.test(wholeText) && !/[^\d\s\u00a0\u202f\u2009,]/.test(wholeText) ? 'grouping' : 'invalid' };
  if (whole === '' && fractionText === '') return { ok: false, problem: 'invalid' };
  const fraction = fractionText.replace(/0+$/, '');
  if (fraction.length > decimals) return { ok: false, problem: decimals === 0 ? 'wholeOnly' : 'tooManyDecimals' };
  const minor = BigInt((whole || '0') + fraction.padEnd(decimals, '0'));
  if (minor === 0n) return { ok: false, problem: 'zero' };
  return { ok: true, minor };
}

/** Minor units → the amount as the locale writes it, with exactly the token's decimals: `1 000,50`. */
export function formatAmount(minor: string | bigint, decimals: number, locale: string): string {
  const value = typeof minor === 'bigint' ? minor : BigInt(minor);
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals);
  const decimal = `${negative ? '-' : ''}${whole}${decimals > 0 ? `.${fraction}` : ''}` as `${number}`;
  return new Intl.NumberFormat(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(decimal);
}

/** The number of decimals a token may have: a whole number from 0 to 18, as typed in a form. */
export function parseDecimals(input: string): number | null {
  const text = input.trim();
  if (!/^\d{1,2}$/.test(text)) return null;
  const value = Number(text);
  return value <= 18 ? value : null;
}
