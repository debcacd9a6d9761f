import { runSubgraph } from '@etika/kit';
import { org } from './index.ts';

await runSubgraph(org);
