import { extendSchema, parse, valueFromASTUntyped, type GraphQLSchema } from 'graphql';
import type { Requirement } from '@etika/schema';

/**
 * The subscription fields the gateway serves itself (the way Hive Gateway takes additional type definitions for
 * event-driven subscriptions): composition never sees them, the subgraphs never resolve them. Each field follows one
 * bus event, and what it returns is resolved by key through the supergraph's own query fields, as the subscriber.
 */
export const LIVE_SDL = /* GraphQL */ `
  type Subscription {
    "Each new notification of yours, in any organisation, as soon as it is made (resolved as Query.notification)."
    notificationAdded: Notification! @authenticated

    "Your wallet in the organisation you act in, after each transaction that moved one of your accounts there."
    walletChanged: WalletChange! @requiresScopes(scopes: [["token:read"]])
  }

  "A committed transaction that moved one of your accounts, and your wallet after it."
  type WalletChange {
    transactionId: ID!
    organizationId: ID!
    "issue, transfer, redeem, batch, reversal, purchase or refund."
    kind: String!
    "When the transaction was committed."
    committedAt: DateTimeISO!
    "Your balances after it, as Query.me.wallet answers them."
    wallet: [Balance!]!
  }
`;

export const LIVE_FIELDS = ['notificationAdded', 'walletChanged'] as const;
export type LiveFieldName = (typeof LIVE_FIELDS)[number];

export const isLiveField = (name: string): name is LiveFieldName => (LIVE_FIELDS as readonly string[]).includes(name);

/** The API schema with the gateway's subscription fields, for validating subscription documents. */
export function withLiveFields(apiSchema: GraphQLSchema): GraphQLSchema {
  return extendSchema(apiSchema, parse(LIVE_SDL), { assumeValidSDL: true });
}

/** Each subscription field's own requirement, read from its directives in `LIVE_SDL`. */
export function liveRequirements(): ReadonlyMap<LiveFieldName, Requirement> {
  const requirements = new Map<LiveFieldName, Requirement>();
  for (const definition of parse(LIVE_SDL).definitions) {
    if (definition.kind !== 'ObjectTypeDefinition' || definition.name.value !== 'Subscription') continue;
    for (const field of definition.fields ?? []) {
      if (!isLiveField(field.name.value)) continue;
      let authenticated = false;
      const scopes: string[][][] = [];
      for (const directive of field.directives ?? []) {
        if (directive.name.value === 'authenticated') authenticated = true;
        const value = directive.arguments?.find((a) => a.name.value === 'scopes')?.value;
        if (directive.name.value === 'requiresScopes' && value) scopes.push(valueFromASTUntyped(value) as string[][]);
      }
      requirements.set(field.name.value, { authenticated, scopes });
    }
  }
  return requirements;
}
