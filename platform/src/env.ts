import type { z } from 'zod';
import { parseEnv } from '@etika/kit';
import { gatewayEnvSchema, type GatewayEnv } from '@etika/gateway';
import { SUBGRAPHS } from './registry.ts';

/** `npm start` reads the gateway's settings and every subgraph's own (`CHAIN_ORIGIN`…), each with its default. */
const platformEnvSchema = gatewayEnvSchema.extend(Object.assign({}, ...SUBGRAPHS.map((s) => s.settings.shape)) as z.ZodRawShape);

export interface PlatformEnv extends GatewayEnv {
  /**
   * Each subgraph's own variables as the environment gives them (text): every subgraph parses its own again when it
   * is built, and a parse that transforms (a list from a comma-separated string) must start from the text.
   */
  readonly subgraphSettings: Readonly<Record<string, string>>;
}

/** The gateway's settings, typed; every subgraph's settings checked now (all problems at once) and kept as text. */
export function loadPlatformEnv(source: NodeJS.ProcessEnv = process.env): PlatformEnv {
  const parsed = parseEnv(platformEnvSchema, source) as GatewayEnv;
  const names = SUBGRAPHS.flatMap((s) => Object.keys(s.settings.shape));
  const subgraphSettings = Object.fromEntries(names.flatMap((name) => (source[name] === undefined ? [] : [[name, source[name]!]])));
  return { ...parsed, subgraphSettings };
}
