/**
 * The load generator in its own process: reads `{ url, body, headers, connections, seconds }` as JSON from its
 * first argument and prints the `LoadResult` as JSON.
 */
import { runLoad } from './load.ts';

const { url, body, headers, connections, seconds } = JSON.parse(process.argv[2]!) as { url: string; body: string; headers: Record<string, string>; connections: number; seconds: number };
process.stdout.write(`${JSON.stringify(await runLoad(url, body, headers, connections, seconds))}\n`);
