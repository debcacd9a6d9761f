import { runSubgraph } from '@etika/kit';
import { payment } from './index.ts';

await runSubgraph(payment);
