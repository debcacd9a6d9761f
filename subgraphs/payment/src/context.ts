import type { RequestInfo } from '@etika/kit';
import type { PaymentService } from './payment/payment.service.ts';
import type { PriceService } from './price/price.service.ts';
import type { QuoteService } from './quote/quote.service.ts';
import type { RefundService } from './refund/refund.service.ts';

export interface PaymentServices {
  readonly prices: PriceService;
  readonly quotes: QuoteService;
  readonly payments: PaymentService;
  readonly refunds: RefundService;
}

export interface PaymentContext extends RequestInfo {
  readonly services: PaymentServices;
}
