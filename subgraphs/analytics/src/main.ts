import { runSubgraph } from '@etika/kit';
import { analytics } from './index.ts';

await runSubgraph(analytics);
