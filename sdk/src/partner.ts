import { EtikaClient, newIdempotencyKey, type EtikaClientOptions } from './client.ts';
import {
  DefineTokenDocument,
  IssueTokensDocument,
  MembersDocument,
  OrganizationTransactionsDocument,
  SubmitBatchDocument,
  TokensDocument,
  type BatchInput,
  type DefineTokenInput,
  type HistoryInput,
  type MembersQuery,
  type MovementInput,
  type TokensQuery,
  type TransactionFragment,
} from './generated/graphql.ts';
import { paginate } from './pagination.ts';

export type Token = TokensQuery['tokens'][number];
export type Transaction = TransactionFragment;
export type Member = NonNullable<MembersQuery['organization']>['members'][number];
/** An input whose idempotency key the SDK makes when it is not given, and keeps for every retry of that call. */
export type WithOptionalKey<T extends { idempotencyKey: string }> = Omit<T, 'idempotencyKey'> & { readonly idempotencyKey?: string };

/**
 * What a partner's system does with its organisation's API key: read the tokens and the members, issue tokens,
 * send batches, and read the organisation's ledger page by page. Amounts are strings of whole minor units
 * (`"1250"` is 12.50 of a two-decimal token): use `BigInt(amount)` to compute, never `Number`.
 */
export class Etika {
  readonly client: EtikaClient;

  constructor(options: EtikaClientOptions) {
    this.client = new EtikaClient(options);
  }

  async tokens(): Promise<Token[]> {
    return (await this.client.request(TokensDocument, {})).tokens;
  }

  /** The organisation's members (the key's own organisation: `organizationId` is the one the key belongs to). */
  async members(organizationId: string): Promise<Member[]> {
    const { organization } = await this.client.request(MembersDocument, { organizationId });
    return organization?.members ?? [];
  }

  async defineToken(input: DefineTokenInput): Promise<Token> {
    return (await this.client.request(DefineTokenDocument, { input })).defineToken;
  }

  /** Mints tokens to a member; retried safely under one idempotency key. */
  async issueTokens(input: WithOptionalKey<MovementInput>): Promise<Transaction> {
    const withKey: MovementInput = { ...input, idempotencyKey: input.idempotencyKey ?? newIdempotencyKey() };
    return (await this.client.request(IssueTokensDocument, { input: withKey })).issueTokens;
  }

  /** Several movements, all or nothing; retried safely under one idempotency key. */
  async submitBatch(input: WithOptionalKey<BatchInput>): Promise<Transaction> {
    const withKey: BatchInput = { ...input, idempotencyKey: input.idempotencyKey ?? newIdempotencyKey() };
    return (await this.client.request(SubmitBatchDocument, { input: withKey })).submitBatch;
  }

  /** Every transaction of the organisation, newest first, fetched a page (`first`, default 50) at a time. */
  transactions(filter: Omit<HistoryInput, 'after'> = {}): AsyncGenerator<Transaction, void, undefined> {
    return paginate(async (after) => {
      const { organizationTransactions } = await this.client.request(OrganizationTransactionsDocument, { input: { first: 50, ...filter, after } });
      return organizationTransactions;
    });
  }
}
