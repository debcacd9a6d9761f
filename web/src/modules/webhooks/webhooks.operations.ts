import { graphql } from '../../gql/index.ts';

export const ENDPOINTS = graphql(`
  query WebhookEndpoints {
    webhookEventTypes
    webhookEndpoints {
      id
      url
      description
      eventTypes
      enabled
      disabledReason
      previousSecretExpiresAt
      createdAt
    }
  }
`);

export const DELIVERIES = graphql(`
  query WebhookDeliveries($before: DateTimeISO) {
    webhookEndpoints {
      id
      url
      deliveries(first: 20, before: $before) {
        id
        messageId
        eventType
        status
        attemptCount
        nextAttemptAt
        replayOf
        createdAt
        attempts {
          attempt
          outcome
          startedAt
          durationMs
          responseStatus
          responseExcerpt
          error
        }
      }
    }
  }
`);

export const CREATE_ENDPOINT = graphql(`
  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) { secret endpoint { id } }
  }
`);
export const UPDATE_ENDPOINT = graphql(`
  mutation UpdateWebhookEndpoint($id: ID!, $input: UpdateWebhookEndpointInput!) {
    updateWebhookEndpoint(id: $id, input: $input) { id url description eventTypes enabled disabledReason }
  }
`);
export const DELETE_ENDPOINT = graphql(`mutation DeleteWebhookEndpoint($id: ID!) { deleteWebhookEndpoint(id: $id) }`);
export const ROTATE_SECRET = graphql(`
  mutation RotateWebhookSecret($id: ID!, $overlapHours: Int!) {
    rotateWebhookSecret(id: $id, overlapHours: $overlapHours) { secret endpoint { id previousSecretExpiresAt } }
  }
`);
export const SEND_TEST = graphql(`mutation SendTestWebhook($endpointId: ID!) { sendTestWebhook(endpointId: $endpointId) { id } }`);
export const REPLAY_ONE = graphql(`mutation ReplayWebhookDelivery($deliveryId: ID!) { replayWebhookDelivery(deliveryId: $deliveryId) { id } }`);
export const REPLAY_SINCE = graphql(`mutation ReplayWebhookDeliveries($endpointId: ID!, $since: DateTimeISO!) { replayWebhookDeliveries(endpointId: $endpointId, since: $since) }`);
