import { describe, expect, it } from 'vitest';
import { GroupCommit, ItemRefusal, type ItemOutcome } from './group-commit.ts';

/** A statement that answers when the test says so, recording the batches it was given. */
function controlledRun() {
  const batches: number[][] = [];
  const pending: { items: readonly number[]; answer: (outcomes: ItemOutcome<string>[]) => void; fail: (err: unknown) => void }[] = [];
  const run = (items: readonly number[]) =>
    new Promise<readonly ItemOutcome<string>[]>((resolve, reject) => {
      batches.push([...items]);
      pending.push({ items, answer: resolve, fail: reject });
    });
  const answerNext = (outcome: (item: number) => ItemOutcome<string> = (n) => ({ ok: `done ${n}` })) => {
    const next = pending.shift()!;
    next.answer(next.items.map(outcome));
  };
  return { run, batches, pending, answerNext };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('group commit', () => {
  it('an item alone goes at once; items that arrive while the batches are busy go together in the next one', async () => {
    const s = controlledRun();
    const group = new GroupCommit(s.run, { inFlight: 2, batch: 64 });
    const first = group.submit(1);
    expect(s.batches).toEqual([[1]]);
    const second = group.submit(2);
    expect(s.batches).toEqual([[1], [2]]);
    const later = [3, 4, 5].map((n) => group.submit(n));
    expect(s.batches).toHaveLength(2);
    expect(group.inFlight).toBe(2);
    s.answerNext();
    await expect(first).resolves.toBe('done 1');
    expect(s.batches).toEqual([[1], [2], [3, 4, 5]]);
    s.answerNext();
    s.answerNext();
    await expect(second).resolves.toBe('done 2');
    await expect(Promise.all(later)).resolves.toEqual(['done 3', 'done 4', 'done 5']);
    await tick();
    expect(group.inFlight).toBe(0);
  });

  it('a batch holds at most `batch` items; the rest wait for the next', async () => {
    const s = controlledRun();
    const group = new GroupCommit(s.run, { inFlight: 1, batch: 3 });
    const all = [1, 2, 3, 4, 5, 6, 7].map((n) => group.submit(n));
    s.answerNext();
    await tick();
    s.answerNext();
    await tick();
    s.answerNext();
    await Promise.all(all);
    expect(s.batches).toEqual([[1], [2, 3, 4], [5, 6, 7]]);
  });

  it('one item refused is that item’s error, with the SQLSTATE and detail; the others keep their results', async () => {
    const s = controlledRun();
    const group = new GroupCommit(s.run, { inFlight: 1, batch: 64 });
    const busy = group.submit(0);
    const items = [1, 2, 3].map((n) => group.submit(n));
    s.answerNext();
    await busy;
    s.answerNext((n) => (n === 2 ? { error: { code: 'ETK07', message: 'recipients to ask org about', detail: 'a,b' } } : { ok: `done ${n}` }));
    const [one, two, three] = await Promise.allSettled(items);
    expect(one).toEqual({ status: 'fulfilled', value: 'done 1' });
    expect(three).toEqual({ status: 'fulfilled', value: 'done 3' });
    expect(two?.status).toBe('rejected');
    const refusal = (two as PromiseRejectedResult).reason as ItemRefusal;
    expect(refusal).toBeInstanceOf(ItemRefusal);
    expect({ code: refusal.code, detail: refusal.detail, message: refusal.message }).toEqual({ code: 'ETK07', detail: 'a,b', message: 'recipients to ask org about' });
  });

  it('a statement that fails is the failure of every item in it, and the next batch still goes', async () => {
    const s = controlledRun();
    const group = new GroupCommit(s.run, { inFlight: 1, batch: 64 });
    const busy = group.submit(0);
    const doomed = [1, 2].map((n) => group.submit(n));
    s.pending.shift()!.fail(Object.assign(new Error('connection lost'), { code: 'ECONNRESET' }));
    await expect(busy).rejects.toMatchObject({ code: 'ECONNRESET' });
    // the two were queued behind the failed statement and went together in the next one, which fails too
    expect(s.batches).toEqual([[0], [1, 2]]);
    s.pending.shift()!.fail(Object.assign(new Error('connection lost'), { code: 'ECONNRESET' }));
    const results = await Promise.allSettled(doomed);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    const after = group.submit(3);
    s.answerNext();
    await expect(after).resolves.toBe('done 3');
  });

  it('an answer missing an item is that item’s error, never a silent success', async () => {
    const group = new GroupCommit<number, string>(async () => [{ ok: 'only one' }], { inFlight: 1, batch: 64 });
    const busy = group.submit(0);
    const [a, b] = [1, 2].map((n) => group.submit(n));
    await busy;
    await expect(a).resolves.toBe('only one');
    await expect(b).rejects.toThrow(/no answer for item 1 of 2/);
  });
});
