import type { RequestInfo } from '@etika/kit';
import type { LedgerService } from './ledger/ledger.service.ts';
import type { TokenService } from './token/token.service.ts';
import type { TransactionService } from './transaction/transaction.service.ts';

export interface TokenContext extends RequestInfo {
  readonly tokens: TokenService;
  readonly transactions: TransactionService;
  readonly ledger: LedgerService;
}
