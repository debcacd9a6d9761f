import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import type { ServerResponse } from 'node:http';
import { sendGraphQLError } from '@etika/kit';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/**
 * The web app's Content-Security-Policy. Scripts come from the app's own origin only (the built index.html has no
 * inline script). Styles also allow 'unsafe-inline': Chakra's emotion injects <style> elements at run time, and a
 * nonce would need the app to pass it to emotion's cache for every response. Images may be data: URLs (the
 * two-step sign-in QR code) and https: (an organisation's logo); the app talks to its own origin only.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers every answer of the web app carries. */
export function securityHeaders(): Record<string, string> {
  return {
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'referrer-policy': 'strict-origin-when-cross-origin',
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
  };
}

/** The path with its percent-escapes decoded; null when an escape is malformed (`%E0%A4%A`, `%ZZ`). */
function decodedOrNull(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return null;
  }
}

/** Serves the built web app; unknown paths get index.html so client-side routes load. */
export function serveStatic(root: string, pathname: string, res: ServerResponse, headers: Record<string, string> = securityHeaders()): void {
  const decoded = decodedOrNull(pathname);
  if (decoded === null) return sendGraphQLError(res, 400, 'The path has a malformed percent-escape', 'BAD_REQUEST');
  const base = resolve(root);
  const candidate = resolve(join(base, normalize(decoded)));
  const inside = candidate === base || candidate.startsWith(`${base}/`);
  const file = inside && existsSync(candidate) && statSync(candidate).isFile() ? candidate : join(base, 'index.html');
  if (!existsSync(file)) {
    res.writeHead(404, { 'content-type': 'text/plain', ...headers });
    res.end('The web app is not built: run npm run build -w web');
    return;
  }
  const immutable = file.startsWith(join(base, 'assets'));
  res.writeHead(200, {
    ...headers,
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  createReadStream(file).pipe(res);
}
