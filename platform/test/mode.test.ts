import { describe, expect, it } from 'vitest';
import { modeNotice } from '../src/mode.ts';

describe('what npm start says first', () => {
  it('in development: the mode, what it turns on, and where the keys are', () => {
    const [first, ...rest] = modeNotice(false, '.data/keys').split('\n');
    expect(first).toMatch(/DEVELOPMENT mode/);
    const text = rest.join(' ');
    expect(text).toMatch(/[Ii]ntrospection/);
    expect(text).toMatch(/stack traces/);
    expect(text).toMatch(/\.data\/keys/);
    expect(text).toMatch(/NODE_ENV=production/);
  });

  it('in production: the mode, and that nothing internal is shown', () => {
    expect(modeNotice(true, '.data/keys')).toMatch(/^Etika in production mode.*no introspection.*no stack traces/);
  });
});
