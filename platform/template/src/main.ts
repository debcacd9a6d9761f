import { runSubgraph } from '@etika/kit';
import { __camel__ } from './index.ts';

await runSubgraph(__camel__);
