export { Etika, type Member, type Token, type Transaction, type WithOptionalKey } from './partner.ts';
export { EtikaClient, hasIdempotencyKey, newIdempotencyKey, type Document, type EtikaClientOptions, type Wait } from './client.ts';
export { EtikaError, type GraphQLErrorEntry } from './errors.ts';
export { collect, paginate, type Page } from './pagination.ts';
export { parseRateLimit, parseRetryAfter, waitBeforeNext, type Quota } from './rate-limit.ts';
export { WEBHOOK_TOLERANCE_SECONDS, WebhookVerificationError, signWebhook, verifyWebhook, type WebhookHeaders } from './webhooks.ts';
export * from './generated/graphql.ts';
