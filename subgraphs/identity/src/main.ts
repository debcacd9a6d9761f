import { runSubgraph } from '@etika/kit';
import { identity } from './index.ts';

await runSubgraph(identity);
