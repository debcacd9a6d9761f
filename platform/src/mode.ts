/**
 * What `npm start` prints first: the mode it runs in and what that means, so nobody mistakes the development
 * platform for one fit for real users.
 */
export function modeNotice(production: boolean, keysDir: string): string {
  if (production) {
    return 'Etika in production mode (NODE_ENV=production): no introspection, no field suggestions, no stack traces or internal details in answers, keys from the environment.\n';
  }
  return [
    'Etika in DEVELOPMENT mode: not for real users or data.',
    '  Introspection and field suggestions are on; answers carry stack traces and the full text of internal errors;',
    `  signing keys are development keys kept in ${keysDir}. NODE_ENV=production turns all of this off`,
    '  (docker-compose runs that way, with keys from the environment).',
    '',
    '',
  ].join('\n');
}
