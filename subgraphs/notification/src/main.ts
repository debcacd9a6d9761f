import { runSubgraph } from '@etika/kit';
import { notification } from './index.ts';

await runSubgraph(notification);
