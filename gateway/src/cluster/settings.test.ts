import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CLUSTER_SETTINGS, clusterRefusal, workerCount } from './settings.ts';

const parse = (value: string | undefined) => z.object(CLUSTER_SETTINGS).safeParse(value === undefined ? {} : { GATEWAY_WORKERS: value });

describe('GATEWAY_WORKERS', () => {
  it('is one process unless asked', () => {
    const parsed = parse(undefined);
    expect(parsed.success && workerCount(parsed.data.GATEWAY_WORKERS, 8)).toBe(1);
  });

  it('runs one worker per CPU for 0 and auto, and the number given otherwise', () => {
    for (const value of ['0', 'auto']) {
      const parsed = parse(value);
      expect(parsed.success && workerCount(parsed.data.GATEWAY_WORKERS, 2)).toBe(2);
    }
    const three = parse('3');
    expect(three.success && workerCount(three.data.GATEWAY_WORKERS, 2)).toBe(3);
  });

  it('refuses what is not a count', () => {
    for (const value of ['-1', 'two', '1.5', '']) expect(parse(value).success).toBe(false);
  });
});

describe('several workers in production', () => {
  it('need Redis, so rate limits, rights and APQ stay shared', () => {
    expect(clusterRefusal(2, true, undefined)).toMatch(/REDIS_URL/);
    expect(clusterRefusal(2, true, 'redis://127.0.0.1:6379')).toBeNull();
  });

  it('run in memory in development, and one worker anywhere', () => {
    expect(clusterRefusal(2, false, undefined)).toBeNull();
    expect(clusterRefusal(1, true, undefined)).toBeNull();
  });
});
