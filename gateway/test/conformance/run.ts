/**
 * `npm run conformance -w gateway [-- --gateway etika|etika-rust|apollo] [--suite <id>…] [--record]`: runs
 * graphql-hive/federation-gateway-audit against a gateway and prints every failed case. It fails when fewer cases
 * pass than `gateway/conformance/recorded.json` says; `--record` writes the new count.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runAudit } from './audit.ts';
import { bareApolloGateway, etikaGateway } from './gateways.ts';

const { values } = parseArgs({
  options: { gateway: { type: 'string', default: 'etika' }, suite: { type: 'string', multiple: true }, record: { type: 'boolean', default: false } },
});
const RECORDED = new URL('../../conformance/recorded.json', import.meta.url);
type Recorded = Record<string, { passed: number; total: number; failed: string[] }>;

const factories = { etika: () => etikaGateway('apollo'), 'etika-rust': () => etikaGateway('rust'), apollo: bareApolloGateway } as const;
const which = values.gateway as keyof typeof factories;
if (!(which in factories)) throw new Error(`--gateway is one of ${Object.keys(factories).join(', ')}`);
const results = await runAudit(await factories[which](), values.suite);
const failed = results.filter((r) => !r.passed);
for (const r of failed) process.stdout.write(`✗ ${r.name}: ${r.detail}\n`);
const passed = results.length - failed.length;
process.stdout.write(`${which}: ${passed}/${results.length} cases pass\n`);

if (!values.suite?.length) {
  const recorded = JSON.parse(readFileSync(RECORDED, 'utf8')) as Recorded;
  const floor = recorded[which]?.passed ?? 0;
  if (values.record) {
    recorded[which] = { passed, total: results.length, failed: failed.map((r) => r.name) };
    writeFileSync(RECORDED, `${JSON.stringify(recorded, null, 2)}\n`);
  } else if (passed < floor) {
    process.stdout.write(`fewer than the ${floor} recorded in gateway/conformance/recorded.json\n`);
    process.exit(1);
  }
}
process.exit(0);
