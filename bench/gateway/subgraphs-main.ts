/** The benchmark's subgraphs in their own process: `node --import tsx bench/gateway/subgraphs-main.ts <port>`. */
import { serveSubgraphs } from './subgraphs.ts';

serveSubgraphs(Number(process.argv[2]));
process.on('SIGINT', () => process.exit(0));
