/** A browser and the system it runs on, as named to people; null where the user agent does not say. */
export interface Device {
  readonly browser: string | null;
  readonly os: string | null;
}

/** Order matters: Edge and Opera also say Chrome, Chrome also says Safari, iOS browsers all carry Safari's tokens. */
const BROWSERS: readonly [RegExp, string][] = [
  [/\bEdg(e|A|iOS)?\//, 'Edge'],
  [/\b(OPR|Opera)\//, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\b(Firefox|FxiOS)\//, 'Firefox'],
  [/\b(HeadlessChrome|Chrome|CriOS|Chromium)\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
];

/** Order matters: Android says Linux, iPhone and iPad say "like Mac OS X". */
const SYSTEMS: readonly [RegExp, string][] = [
  [/\biPhone\b/, 'iPhone'],
  [/\biPad\b/, 'iPad'],
  [/\bAndroid\b/, 'Android'],
  [/\bWindows\b/, 'Windows'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bLinux\b|\bX11\b/, 'Linux'],
];

const first = (ua: string, table: readonly [RegExp, string][]): string | null => table.find(([pattern]) => pattern.test(ua))?.[1] ?? null;

/** Reads a user agent string into a browser and a system; anything it does not recognise is null. */
export function deviceOf(userAgent: string | null | undefined): Device {
  const ua = userAgent ?? '';
  return { browser: first(ua, BROWSERS), os: first(ua, SYSTEMS) };
}
