import { randomUUID } from 'node:crypto';
import type { TestResponse } from '@etika/kit/testing';
import type { Principal } from '@etika/schema';

export const TRANSFER = 'mutation($input: MovementInput!) { transferTokens(input: $input) { id } }';

export interface Attempt<P = Principal> {
  readonly key: string;
  readonly input: Record<string, unknown>;
  /** Who sent it: a principal (a subgraph called directly) or a person's access token (through the gateway). */
  readonly from: P;
  readonly at: number;
  readonly ms: number;
  /** The committed transaction's id, when the answer said so. */
  readonly id: string | null;
  readonly code: string | null;
  readonly message: string | null;
}

export type Send<P = Principal> = (query: string, variables: Record<string, unknown>, as: P) => Promise<Pick<TestResponse<{ transferTokens?: { id: string } | null }>, 'data' | 'errors'>>;

/** Clients sending transfers of 1 back and forth between two people until `stop`, each with its own key. */
export function transferLoad<P = Principal>(send: Send<P>, tokenId: string, people: readonly { principal: P; userId: string }[], clients: number) {
  const attempts: Attempt<P>[] = [];
  let running = true;
  const client = async (n: number) => {
    for (let i = 0; running; i++) {
      const [from, to] = (n + i) % 2 === 0 ? [people[0]!, people[1]!] : [people[1]!, people[0]!];
      const key = randomUUID();
      const input = { tokenId, amount: '1', toUserId: to.userId, idempotencyKey: key };
      const at = Date.now();
      const r = await send(TRANSFER, { input }, from.principal).catch((err: unknown) => ({ errors: [{ message: String(err), extensions: { code: 'NO_ANSWER' } }] }) as never);
      const error = r.errors?.[0];
      attempts.push({ key, input, from: from.principal, at, ms: Date.now() - at, id: r.data?.transferTokens?.id ?? null, code: (error?.extensions?.['code'] as string | undefined) ?? null, message: error?.message ?? null });
      if (error) await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const done = Promise.all(Array.from({ length: clients }, (_, n) => client(n)));
  return {
    attempts,
    stop: async () => {
      running = false;
      await done;
      return attempts;
    },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for a condition, failing after `ms`: every resilience test ends by itself. */
export async function until(what: string, ms: number, check: () => Promise<boolean> | boolean): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}
