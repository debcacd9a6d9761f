/**
 * `npm run keys`: a fresh Ed25519 key pair for every service that signs, printed as environment lines
 * (`<NAME>_PUBLIC_KEY`, `<NAME>_PRIVATE_KEY`) for docker-compose's `.env` or a secret store. Every service is
 * given every public key and only its own private key.
 */
import { generateKeyPairs, privateKeyVariable, publicKeyVariable } from '@etika/kit';
import { SIGNING_SERVICES } from './registry.ts';

const pairs = await generateKeyPairs(SIGNING_SERVICES);
const lines = SIGNING_SERVICES.flatMap((service) => [
  `${publicKeyVariable(service)}='${JSON.stringify(pairs[service]!.publicJwk)}'`,
  `${privateKeyVariable(service)}='${JSON.stringify(pairs[service]!.privateJwk)}'`,
]);
process.stdout.write(`${lines.join('\n')}\n`);
