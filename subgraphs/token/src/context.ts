import type { RequestInfo } from '@etika/kit';
import type { TokenService } from './token/token.service.ts';

export interface TokenContext extends RequestInfo {
  readonly tokens: TokenService;
}
