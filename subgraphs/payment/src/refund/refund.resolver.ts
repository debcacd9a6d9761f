import { Arg, Ctx, Directive, Mutation, Resolver } from 'type-graphql';
import type { PaymentContext } from '../context.ts';
import { toRefund } from '../payment/payment.mapper.ts';
import { Refund, RefundPaymentInput } from './refund.type.ts';

@Resolver(() => Refund)
export class RefundResolver {
  @Mutation(() => Refund, { description: 'Takes the bought tokens back from the buyer, then returns the money for them.' })
  @Directive('@requiresScopes(scopes: [["payment:refund"]])')
  async refundPayment(@Arg('input', () => RefundPaymentInput) input: RefundPaymentInput, @Ctx() ctx: PaymentContext): Promise<Refund> {
    return toRefund(await ctx.services.refunds.refund(ctx.principal, ctx.principalToken, input));
  }
}
