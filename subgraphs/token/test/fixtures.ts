import { dataOrThrow, type TestSubgraph } from '@etika/kit/testing';
import type { Principal } from '@etika/schema';

const WALLET = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { wallet { token { id } amount } } } }';

/** A person's balances, as the gateway reads `me { wallet }`: the User entity of the principal's own id. */
export async function walletOf(token: TestSubgraph, who: Principal): Promise<{ token: { id: string }; amount: string }[]> {
  if (who.kind !== 'user') throw new Error('only people have wallets');
  const r = dataOrThrow(await token.execute<{ _entities: { wallet: { token: { id: string }; amount: string }[] }[] }>(WALLET, { r: [{ __typename: 'User', id: who.userId }] }, who));
  return r._entities[0]!.wallet;
}
