import { describe, expect, it } from 'vitest';
import { GatewayMetrics } from './metrics.ts';

const fieldUsage = async (metrics: GatewayMetrics) => {
  const [metric] = (await metrics.registry.getMetricsAsJSON()).filter((m) => m.name === 'etika_gateway_field_usage_total');
  return Object.fromEntries((metric?.values ?? []).map((v) => [`${v.labels['type']}.${v.labels['field']} ${v.labels['client']}`, v.value]));
};

describe('field usage', () => {
  it('counts each coordinate once per operation and client, as read at any moment', async () => {
    const metrics = new GatewayMetrics();
    const me = ['Query.me', 'User.email'];
    const tokens = ['Query.tokens'];
    metrics.observeFields(me, 'web', 3);
    metrics.observeFields(me, 'web', 3);
    metrics.observeFields(tokens, 'api-key:k1', 1);
    expect(await fieldUsage(metrics)).toEqual({ 'Query.me web': 2, 'User.email web': 2, 'Query.tokens api-key:k1': 1 });
    metrics.observeFields(me, 'anonymous', 3);
    metrics.observeFields(tokens, 'api-key:k1', 1);
    expect(await fieldUsage(metrics)).toEqual({ 'Query.me web': 2, 'User.email web': 2, 'Query.me anonymous': 1, 'User.email anonymous': 1, 'Query.tokens api-key:k1': 2 });
  });

  it('loses nothing when many distinct documents come between two scrapes', async () => {
    const metrics = new GatewayMetrics();
    for (let i = 0; i < 2_500; i++) metrics.observeFields([`Query.f${i % 10}`], 'web', 1);
    const counted = await fieldUsage(metrics);
    expect(Object.values(counted).reduce((a, b) => a + b, 0)).toBe(2_500);
    expect(counted['Query.f3 web']).toBe(250);
  });
});
