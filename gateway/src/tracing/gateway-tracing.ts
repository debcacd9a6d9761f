import { trace } from '@opentelemetry/api';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { tracingFor, tracingPlugin, trustsIncomingTraceparent, type Tracing } from '@etika/kit';

export interface GatewayTracingOptions {
  /**
   * Continue a client's `traceparent` instead of starting a new trace at the edge (the client's span is then only
   * linked). Only for gateways whose every client is trusted: a client could otherwise pick trace ids, force
   * sampling and join its requests to others' traces. `TRUST_INCOMING_TRACEPARENT` when absent; off by default.
   */
  readonly trustIncomingTraceparent?: boolean;
  /** Where the OTLP settings are read; the process's environment when absent. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface GatewayTracing {
  readonly tracing: Tracing;
  readonly trustIncoming: boolean;
  readonly plugins: ApolloServerPlugin<BaseContext>[];
}

/**
 * The gateway's tracing, on only when an OTLP endpoint is configured. Its tracer provider is also the process's
 * global one, so the spans @apollo/gateway makes itself (`gateway.validate`, `gateway.plan`, `gateway.execute`,
 * `gateway.fetch`) land in the same trace; with tracing off nothing is registered and every span is the API's no-op.
 */
export function gatewayTracing(options: GatewayTracingOptions = {}): GatewayTracing {
  const env = options.env ?? process.env;
  const tracing = tracingFor('gateway', env);
  // a second gateway in the same process (tests) finds the provider registered, and it is the same one
  if (tracing.enabled) trace.setGlobalTracerProvider(tracing.provider);
  return {
    tracing,
    trustIncoming: options.trustIncomingTraceparent ?? trustsIncomingTraceparent(env),
    plugins: tracing.enabled ? [tracingPlugin()] : [],
  };
}
