/** Where spans go, read from OpenTelemetry's standard variables; `endpoint` is null when tracing is off. */
export interface TracingSettings {
  /** The OTLP/HTTP traces URL (`…/v1/traces`). */
  readonly endpoint: string | null;
}

type Env = Readonly<Record<string, string | undefined>>;

const truthy = (value: string | undefined) => value !== undefined && ['true', '1'].includes(value.trim().toLowerCase());

/**
 * Tracing is on only when an OTLP endpoint is set: `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` as given, or
 * `OTEL_EXPORTER_OTLP_ENDPOINT` with `/v1/traces` appended, as the OpenTelemetry specification says. It stays off
 * with `OTEL_SDK_DISABLED=true`, and when `OTEL_TRACES_EXPORTER` names exporters but not `otlp` (`none`).
 */
export function tracingSettingsFrom(env: Env): TracingSettings {
  const off = { endpoint: null };
  if (truthy(env['OTEL_SDK_DISABLED'])) return off;
  const exporters = env['OTEL_TRACES_EXPORTER']?.trim();
  if (exporters && !exporters.split(',').map((e) => e.trim()).includes('otlp')) return off;
  const traces = env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT']?.trim();
  if (traces) return { endpoint: traces };
  const base = env['OTEL_EXPORTER_OTLP_ENDPOINT']?.trim();
  if (base) return { endpoint: `${base.replace(/\/+$/, '')}/v1/traces` };
  return off;
}

/** `TRUST_INCOMING_TRACEPARENT=true`: the gateway continues a client's trace instead of starting its own. */
export const trustsIncomingTraceparent = (env: Env): boolean => truthy(env['TRUST_INCOMING_TRACEPARENT']);
