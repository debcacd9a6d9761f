import { describe, expect, it, vi } from 'vitest';
import { loadByIds } from '../src/index.ts';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';

describe('loadByIds', () => {
  it('answers in the order asked, null for what is missing, one fetch for the batch', async () => {
    const fetch = vi.fn(async (ids: string[]) => ids.filter((id) => id === A).map((id) => ({ id })));
    expect(await loadByIds([B, A, A], fetch, (r) => r.id)).toEqual([null, { id: A }, { id: A }]);
    expect(fetch).toHaveBeenCalledOnce();
    expect(fetch).toHaveBeenCalledWith([B, A]);
  });

  it('never sends ids that are not UUIDs to the database', async () => {
    const fetch = vi.fn(async () => []);
    expect(await loadByIds(['-'.repeat(36), "x' or 1=1", ''], fetch, (r: { id: string }) => r.id)).toEqual([null, null, null]);
    expect(fetch).not.toHaveBeenCalled();
  });
});
