import { describe, expect, it } from 'vitest';
import { tracingSettingsFrom, trustsIncomingTraceparent } from './settings.ts';

describe('tracing settings from the OpenTelemetry variables', () => {
  it('is off when no endpoint is set', () => {
    expect(tracingSettingsFrom({})).toEqual({ endpoint: null });
    expect(tracingSettingsFrom({ OTEL_EXPORTER_OTLP_ENDPOINT: '  ' })).toEqual({ endpoint: null });
  });

  it('appends /v1/traces to the general endpoint and takes the traces endpoint as given', () => {
    expect(tracingSettingsFrom({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).endpoint).toBe('http://collector:4318/v1/traces');
    expect(tracingSettingsFrom({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }).endpoint).toBe('http://collector:4318/v1/traces');
    expect(tracingSettingsFrom({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://b:4318/custom' }).endpoint).toBe('http://b:4318/custom');
  });

  it('stays off when the SDK is disabled or the traces exporter is not otlp', () => {
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' };
    expect(tracingSettingsFrom({ ...endpoint, OTEL_SDK_DISABLED: 'true' }).endpoint).toBeNull();
    expect(tracingSettingsFrom({ ...endpoint, OTEL_TRACES_EXPORTER: 'none' }).endpoint).toBeNull();
    expect(tracingSettingsFrom({ ...endpoint, OTEL_TRACES_EXPORTER: 'console, otlp' }).endpoint).toBe('http://collector:4318/v1/traces');
    expect(tracingSettingsFrom({ ...endpoint, OTEL_SDK_DISABLED: 'false' }).endpoint).toBe('http://collector:4318/v1/traces');
  });

  it("trusts a client's traceparent only when told to", () => {
    expect(trustsIncomingTraceparent({})).toBe(false);
    expect(trustsIncomingTraceparent({ TRUST_INCOMING_TRACEPARENT: 'yes' })).toBe(false);
    expect(trustsIncomingTraceparent({ TRUST_INCOMING_TRACEPARENT: 'true' })).toBe(true);
  });
});
