/** Display ↔ wire for token amounts: the wire carries whole minor units as a string, never a float. */
export function formatAmount(minor: string, decimals: number): string {
  const negative = minor.startsWith('-');
  const digits = (negative ? minor.slice(1) : minor).padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = decimals > 0 ? `.${digits.slice(digits.length - decimals)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** "12.5" of a two-decimal token → "1250"; null for anything that is not a positive amount with few enough decimals. */
export function toMinorUnits(input: string, decimals: number): string | null {
  const match = /^(\d+)(?:\.(\d*))?$/.exec(input.trim().replace(/,/g, ''));
  if (!match) return null;
  const fraction = match[2] ?? '';
  if (fraction.length > decimals) return null;
  const minor = (match[1]! + fraction.padEnd(decimals, '0')).replace(/^0+(?=\d)/, '');
  return minor === '0' ? null : minor;
}
