import { Arg, Ctx, Directive, FieldResolver, GraphQLISODateTime, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { auditInTransaction, requestLoader } from '@etika/kit';
import type { NotificationContext } from '../context.ts';
import { WEBHOOK_EVENT_TYPES } from './payload.ts';
import type { AttemptRow, DeliveryRow, EndpointRow } from './webhook.service.ts';
import { CreateWebhookEndpointInput, UpdateWebhookEndpointInput, WebhookAttempt, WebhookDelivery, WebhookEndpoint, WebhookEndpointWithSecret } from './webhook.type.ts';

const MANAGE = '@requiresScopes(scopes: [["webhooks:manage"]])';

const toEndpoint = (r: EndpointRow): WebhookEndpoint => ({
  id: r.id,
  url: r.url,
  description: r.description,
  eventTypes: r.eventTypes,
  enabled: r.enabled,
  disabledReason: r.disabledReason,
  previousSecretExpiresAt: r.previousSecretExpiresAt,
  createdAt: r.createdAt,
});

const toAttempt = (a: AttemptRow): WebhookAttempt => ({ attempt: a.attempt, outcome: a.outcome, startedAt: a.startedAt, durationMs: a.durationMs, responseStatus: a.responseStatus, responseExcerpt: a.responseExcerpt, error: a.error });

type DeliveryModel = Omit<WebhookDelivery, 'attempts'>;
const toDelivery = (d: DeliveryRow & { eventType?: string }): DeliveryModel => ({
  id: d.id,
  messageId: d.messageId,
  eventType: d.eventType ?? '',
  status: d.status,
  attemptCount: d.attempts,
  nextAttemptAt: d.nextAttemptAt,
  replayOf: d.replayOf,
  createdAt: d.createdAt,
});

export const endpointReference = {
  __resolveReference: (ref: { id: string }, ctx: NotificationContext) =>
    requestLoader(ctx, 'webhook-endpoint', async (ids) => {
      const rows = await ctx.services.webhooks.list(ctx.principal);
      return ids.map((id) => {
        const row = rows.find((r) => r.id === id);
        return row ? toEndpoint(row) : null;
      });
    }).load(ref.id),
};

@Resolver(() => WebhookEndpoint)
export class WebhookEndpointResolver {
  @Query(() => [WebhookEndpoint], { description: "The active organisation's webhook endpoints, newest first." })
  @Directive(MANAGE)
  @Directive('@listSize(assumedSize: 20)')
  async webhookEndpoints(@Ctx() ctx: NotificationContext): Promise<WebhookEndpoint[]> {
    return (await ctx.services.webhooks.list(ctx.principal)).map(toEndpoint);
  }

  @Query(() => [String], { description: 'The event types an endpoint can receive; each payload is documented and versioned.' })
  @Directive(MANAGE)
  webhookEventTypes(): string[] {
    return [...WEBHOOK_EVENT_TYPES];
  }

  @FieldResolver(() => [WebhookDelivery], { description: 'The delivery log, newest first.' })
  @Directive('@listSize(assumedSize: 100, slicingArguments: ["first"])')
  async deliveries(
    @Root() endpoint: WebhookEndpoint,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('before', () => GraphQLISODateTime, { nullable: true }) before: Date | null,
    @Ctx() ctx: NotificationContext,
  ): Promise<DeliveryModel[]> {
    return (await ctx.services.webhooks.deliveries(ctx.principal, endpoint.id, first, before ?? null)).map(toDelivery);
  }

  @Mutation(() => WebhookEndpointWithSecret, { description: 'Adds an endpoint; its secret is in this answer only.' })
  @Directive(MANAGE)
  async createWebhookEndpoint(@Arg('input', () => CreateWebhookEndpointInput) input: CreateWebhookEndpointInput, @Ctx() ctx: NotificationContext): Promise<WebhookEndpointWithSecret> {
    const { endpoint, secret } = await ctx.services.webhooks.create(ctx.principal, input, auditInTransaction(ctx, 'notification', 'createWebhookEndpoint'));
    return { endpoint: toEndpoint(endpoint), secret };
  }

  @Mutation(() => WebhookEndpoint)
  @Directive(MANAGE)
  async updateWebhookEndpoint(@Arg('id', () => ID) id: string, @Arg('input', () => UpdateWebhookEndpointInput) input: UpdateWebhookEndpointInput, @Ctx() ctx: NotificationContext): Promise<WebhookEndpoint> {
    return toEndpoint(await ctx.services.webhooks.update(ctx.principal, id, input, auditInTransaction(ctx, 'notification', 'updateWebhookEndpoint')));
  }

  @Mutation(() => Boolean)
  @Directive(MANAGE)
  async deleteWebhookEndpoint(@Arg('id', () => ID) id: string, @Ctx() ctx: NotificationContext): Promise<boolean> {
    return ctx.services.webhooks.remove(ctx.principal, id, auditInTransaction(ctx, 'notification', 'deleteWebhookEndpoint'));
  }

  @Mutation(() => WebhookEndpointWithSecret, { description: 'A new secret, shown once; the old one also signs for `overlapHours` (both signatures are sent).' })
  @Directive(MANAGE)
  async rotateWebhookSecret(@Arg('id', () => ID) id: string, @Arg('overlapHours', () => Int, { defaultValue: 24 }) overlapHours: number, @Ctx() ctx: NotificationContext): Promise<WebhookEndpointWithSecret> {
    const { endpoint, secret } = await ctx.services.webhooks.rotate(ctx.principal, id, overlapHours, auditInTransaction(ctx, 'notification', 'rotateWebhookSecret'));
    return { endpoint: toEndpoint(endpoint), secret };
  }

  @Mutation(() => WebhookDelivery, { description: 'Sends a `webhook.test` event to the endpoint.' })
  @Directive(MANAGE)
  async sendTestWebhook(@Arg('endpointId', () => ID) endpointId: string, @Ctx() ctx: NotificationContext): Promise<DeliveryModel> {
    const delivery = await ctx.services.webhooks.sendTest(ctx.principal, endpointId, auditInTransaction(ctx, 'notification', 'sendTestWebhook'));
    ctx.services.kick();
    return { ...toDelivery(delivery), eventType: 'webhook.test' };
  }

  @Mutation(() => WebhookDelivery, { description: 'Sends a delivered (or failed) message again, with the same webhook-id.' })
  @Directive(MANAGE)
  async replayWebhookDelivery(@Arg('deliveryId', () => ID) deliveryId: string, @Ctx() ctx: NotificationContext): Promise<DeliveryModel> {
    const delivery = await ctx.services.webhooks.replay(ctx.principal, deliveryId, auditInTransaction(ctx, 'notification', 'replayWebhookDelivery'));
    ctx.services.kick();
    return toDelivery(delivery);
  }

  @Mutation(() => Int, { description: 'Replays every message the endpoint was sent since a time; answers how many.' })
  @Directive(MANAGE)
  async replayWebhookDeliveries(@Arg('endpointId', () => ID) endpointId: string, @Arg('since', () => GraphQLISODateTime) since: Date, @Ctx() ctx: NotificationContext): Promise<number> {
    const count = await ctx.services.webhooks.replaySince(ctx.principal, endpointId, since, auditInTransaction(ctx, 'notification', 'replayWebhookDeliveries'));
    ctx.services.kick();
    return count;
  }
}

@Resolver(() => WebhookDelivery)
export class WebhookDeliveryResolver {
  @FieldResolver(() => [WebhookAttempt])
  async attempts(@Root() delivery: DeliveryModel, @Ctx() ctx: NotificationContext): Promise<WebhookAttempt[]> {
    const loader = requestLoader(ctx, 'webhook-attempts', async (ids) => {
      const rows = await ctx.services.webhooks.attemptsOf(ctx.principal, ids);
      return ids.map((id) => rows.filter((r) => r.deliveryId === id).map(toAttempt));
    });
    return (await loader.load(delivery.id)) ?? [];
  }
}
