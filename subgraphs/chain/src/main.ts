import { runSubgraph } from '@etika/kit';
import { chain } from './index.ts';

await runSubgraph(chain);
