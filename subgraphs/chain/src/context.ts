import type { RequestInfo } from '@etika/kit';
import type { LogService } from './log/log.service.ts';

export interface ChainContext extends RequestInfo {
  readonly log: LogService;
}
