import { Arg, Ctx, Directive, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requestLoader } from '@etika/kit';
import type { PaymentContext } from '../context.ts';
import { Refund } from '../refund/refund.type.ts';
import { toAttempt, toPayment, toRefund, type PaymentModel, type PaymentRow } from './payment.mapper.ts';
import {
  CompletePaymentActionInput,
  ConfirmPaymentInput,
  CreatePaymentInput,
  Payment,
  PaymentAttempt,
  PaymentMethods,
  PaymentPage,
  PaymentProviderName,
  PaymentsInput,
  PaymentAttemptOutcome,
  ReconcileResult,
} from './payment.type.ts';

const map = (ctx: PaymentContext) => (row: PaymentRow) => toPayment(row, ctx.principal);

export const paymentReference = {
  __resolveReference: async (ref: { id: string }, ctx: PaymentContext) => {
    const row = await requestLoader(ctx, 'payment', (ids) => ctx.services.payments.byIds(ctx.principal, ids)).load(ref.id);
    return row ? toPayment(row, ctx.principal) : null;
  },
};

async function page(ctx: PaymentContext, input: PaymentsInput, mine: boolean): Promise<PaymentPage> {
  const result = await ctx.services.payments.list(ctx.principal, input, mine);
  return { nodes: result.items.map(map(ctx)) as Payment[], endCursor: result.nextCursor, hasNextPage: result.nextCursor !== null };
}

@Resolver(() => Payment)
export class PaymentResolver {
  @Query(() => PaymentMethods, { description: 'The configured provider and the methods the app may offer (the sandbox: its test methods).' })
  @Directive('@requiresScopes(scopes: [["payment:create"]])')
  paymentMethods(@Ctx() ctx: PaymentContext): PaymentMethods {
    const provider = ctx.services.payments.provider;
    return {
      provider: provider.name as PaymentProviderName,
      methods: provider.methods.map((m) => ({ id: m.id, outcome: m.outcome as PaymentAttemptOutcome, declineCode: m.declineCode })),
    };
  }

  @Query(() => Payment, { nullable: true, description: 'One payment: your own, or any of the organisation with payment:manage, payment:refund or ledger:read.' })
  @Directive('@requiresScopes(scopes: [["payment:read"]])')
  async payment(@Arg('id', () => ID) id: string, @Ctx() ctx: PaymentContext): Promise<PaymentModel | null> {
    const [row] = await ctx.services.payments.byIds(ctx.principal, [id]);
    return row ? toPayment(row, ctx.principal) : null;
  }

  @Query(() => PaymentPage, { description: 'Your payments, newest first.' })
  @Directive('@requiresScopes(scopes: [["payment:read"]])')
  async myPayments(@Arg('input', () => PaymentsInput, { nullable: true }) input: PaymentsInput | null, @Ctx() ctx: PaymentContext): Promise<PaymentPage> {
    return page(ctx, input ?? { first: 20 }, true);
  }

  @Query(() => PaymentPage, { description: "The organisation's payments, newest first, filtered by status, token, buyer and dates." })
  @Directive('@requiresScopes(scopes: [["payment:manage"], ["payment:refund"], ["ledger:read"]])')
  async organizationPayments(@Arg('input', () => PaymentsInput, { nullable: true }) input: PaymentsInput | null, @Ctx() ctx: PaymentContext): Promise<PaymentPage> {
    return page(ctx, input ?? { first: 20 }, false);
  }

  @Mutation(() => Payment, { description: 'Starts paying for a quote; nothing is charged until confirmPayment.' })
  @Directive('@requiresScopes(scopes: [["payment:create"]])')
  async createPayment(@Arg('input', () => CreatePaymentInput) input: CreatePaymentInput, @Ctx() ctx: PaymentContext): Promise<PaymentModel> {
    return toPayment(await ctx.services.payments.create(ctx.principal, ctx.principalToken, input), ctx.principal);
  }

  @Mutation(() => Payment, { description: 'Pays with a method; answers SUCCEEDED, REQUIRES_ACTION, PROCESSING, or REQUIRES_PAYMENT_METHOD with the decline.' })
  @Directive('@requiresScopes(scopes: [["payment:create"]])')
  async confirmPayment(@Arg('input', () => ConfirmPaymentInput) input: ConfirmPaymentInput, @Ctx() ctx: PaymentContext): Promise<PaymentModel> {
    return toPayment(await ctx.services.payments.confirm(ctx.principal, ctx.principalToken, input), ctx.principal);
  }

  @Mutation(() => Payment, { description: 'The extra confirmation step of a payment that REQUIRES_ACTION.' })
  @Directive('@requiresScopes(scopes: [["payment:create"]])')
  async completePaymentAction(@Arg('input', () => CompletePaymentActionInput) input: CompletePaymentActionInput, @Ctx() ctx: PaymentContext): Promise<PaymentModel> {
    return toPayment(await ctx.services.payments.completeAction(ctx.principal, input), ctx.principal);
  }

  @Mutation(() => Payment, { description: 'Cancels a payment that has not succeeded; your own, or any with payment:manage.' })
  @Directive('@requiresScopes(scopes: [["payment:create"], ["payment:manage"]])')
  async cancelPayment(@Arg('paymentId', () => ID) paymentId: string, @Ctx() ctx: PaymentContext): Promise<PaymentModel> {
    return toPayment(await ctx.services.payments.cancel(ctx.principal, paymentId), ctx.principal);
  }

  @Mutation(() => ReconcileResult, { description: 'Asks the provider where payments stuck in PROCESSING stand (one, or all of the organisation).' })
  @Directive('@requiresScopes(scopes: [["payment:manage"]])')
  async reconcilePayments(@Arg('paymentId', () => ID, { nullable: true }) paymentId: string | null, @Ctx() ctx: PaymentContext): Promise<ReconcileResult> {
    return ctx.services.payments.reconcileFor(ctx.principal, paymentId);
  }

  @FieldResolver(() => [PaymentAttempt])
  async attempts(@Root() payment: PaymentModel, @Ctx() ctx: PaymentContext): Promise<PaymentAttempt[]> {
    const loader = requestLoader(ctx, 'attempts', (ids) => ctx.services.payments.attemptsOf(ctx.principal, ids));
    return ((await loader.load(payment.id)) ?? []).map(toAttempt);
  }

  @FieldResolver(() => [Refund])
  async refunds(@Root() payment: PaymentModel, @Ctx() ctx: PaymentContext): Promise<Refund[]> {
    const loader = requestLoader(ctx, 'refunds', (ids) => ctx.services.refunds.ofPayments(ctx.principal, ids));
    return ((await loader.load(payment.id)) ?? []).map(toRefund);
  }
}
