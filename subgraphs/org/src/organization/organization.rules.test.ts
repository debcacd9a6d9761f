import { describe, expect, it } from 'vitest';
import { brandingViolation } from './organization.rules.ts';

describe('brandingViolation', () => {
  it('accepts a hex colour and an https logo', () => {
    expect(brandingViolation({ name: 'Acme', brandColor: '#12abEF', logoUrl: 'https://cdn.example/logo.svg' })).toBeNull();
  });
  it.each([
    [{ name: '   ' }, 'name'],
    [{ name: 'x'.repeat(101) }, 'name'],
    [{ brandColor: 'red' }, 'brandColor'],
    [{ brandColor: '#12345' }, 'brandColor'],
    [{ logoUrl: 'javascript:alert(1)' }, 'logoUrl'],
    [{ logoUrl: 'http://plain.example/logo.png' }, 'logoUrl'],
  ])('refuses %o', (input, field) => {
    expect(brandingViolation(input)?.field).toBe(field);
  });
});
