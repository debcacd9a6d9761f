import { describe, expect, it } from 'vitest';
import { appendPage } from './pages.ts';

const page = (ids: string[], endCursor: string | null, hasNextPage: boolean) => ({ nodes: ids.map((id) => ({ id })), endCursor, hasNextPage });

describe('a list paged with a cursor', () => {
  it('adds the next page under the shown one, with the next cursor', () => {
    expect(appendPage(page(['c', 'b'], 'b', true), page(['a'], 'a', false))).toEqual(page(['c', 'b', 'a'], 'a', false));
  });

  it('shows a row that both pages carry once', () => {
    expect(appendPage(page(['d', 'c'], 'c', true), page(['c', 'b'], 'b', true)).nodes.map((n) => n.id)).toEqual(['d', 'c', 'b']);
  });
});
