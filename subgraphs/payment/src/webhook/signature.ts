import { createHmac, timingSafeEqual } from 'node:crypto';

/** How old a signed delivery may be, in seconds (Stripe's default tolerance). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

const hmac = (secret: string, timestamp: number, payload: string) => createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest('hex');

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.payload">`: Stripe's scheme, which the sandbox signs with too. */
export function signatureHeader(payload: string, secret: string, now = new Date()): string {
  const t = Math.floor(now.getTime() / 1000);
  return `t=${t},v1=${hmac(secret, t, payload)}`;
}

export type SignatureProblem = 'missing' | 'malformed' | 'stale' | 'mismatch';

/**
 * Checks a signature header against the raw body: null when one `v1` signature matches and the timestamp is within
 * the tolerance (either way, so a clock ahead is refused too), otherwise what is wrong.
 */
export function signatureProblem(header: string | undefined, payload: string, secret: string, now = new Date(), toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS): SignatureProblem | null {
  if (!header) return 'missing';
  const parts = header.split(',').map((p) => p.trim().split('='));
  const t = parts.find(([k]) => k === 't')?.[1];
  const signatures = parts.filter(([k, v]) => k === 'v1' && v).map(([, v]) => v!);
  if (!t || !/^\d{1,12}$/.test(t) || signatures.length === 0) return 'malformed';
  const timestamp = Number(t);
  if (Math.abs(now.getTime() / 1000 - timestamp) > toleranceSeconds) return 'stale';
  const expected = Buffer.from(hmac(secret, timestamp, payload), 'hex');
  const matches = signatures.some((s) => {
    const given = /^[0-9a-f]{64}$/.test(s) ? Buffer.from(s, 'hex') : null;
    return given !== null && timingSafeEqual(given, expected);
  });
  return matches ? null : 'mismatch';
}
