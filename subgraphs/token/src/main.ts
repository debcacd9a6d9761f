import { runSubgraph } from '@etika/kit';
import { token } from './index.ts';

await runSubgraph(token);
