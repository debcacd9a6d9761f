import { SpanStatusCode, trace } from '@opentelemetry/api';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';

/**
 * Names the request's server span after its operation (`query Wallet`) with `graphql.operation.name` and
 * `graphql.operation.type`, and marks it failed when the answer carries errors (their codes as the message).
 * Only installed when tracing is on.
 */
export function tracingPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      const span = trace.getActiveSpan();
      if (!span) return;
      return {
        async didResolveOperation({ operation, operationName }) {
          const type = operation?.operation ?? 'query';
          span.updateName(operationName ? `${type} ${operationName}` : type);
          span.setAttributes({ 'graphql.operation.type': type, ...(operationName ? { 'graphql.operation.name': operationName } : {}) });
        },
        async didEncounterErrors({ errors }) {
          const codes = [...new Set(errors.map((e) => String(e.extensions['code'] ?? 'INTERNAL_SERVER_ERROR')))];
          span.setStatus({ code: SpanStatusCode.ERROR, message: codes.join(', ') });
        },
      };
    },
  };
}
