/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Shell {\n    me {\n      id\n      email\n      memberships {\n        role\n        organization {\n          id\n          name\n          brandColor\n          logoUrl\n        }\n      }\n    }\n  }\n": typeof types.ShellDocument,
    "\n  mutation SwitchOrganization($organizationId: ID!) {\n    switchOrganization(organizationId: $organizationId) {\n      accessToken\n    }\n  }\n": typeof types.SwitchOrganizationDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": typeof types.SignOutDocument,
    "\n  mutation RefreshSession($refreshToken: String!) {\n    refreshSession(refreshToken: $refreshToken) {\n      accessToken\n      refreshToken\n    }\n  }\n": typeof types.RefreshSessionDocument,
    "\n  mutation SignIn($input: CredentialsInput!) {\n    signIn(input: $input) {\n      mfaRequired\n      mfaToken\n      session {\n        accessToken\n        refreshToken\n      }\n    }\n  }\n": typeof types.SignInDocument,
    "\n  mutation CompleteMfaSignIn($mfaToken: String!, $code: String!) {\n    completeMfaSignIn(mfaToken: $mfaToken, code: $code) {\n      accessToken\n      refreshToken\n    }\n  }\n": typeof types.CompleteMfaSignInDocument,
    "\n  mutation SignUp($input: CredentialsInput!) {\n    signUp(input: $input) {\n      accessToken\n      refreshToken\n    }\n  }\n": typeof types.SignUpDocument,
    "\n  query Explorer {\n    chainPublicKey\n    latestCheckpoint {\n      treeSize\n      rootHash\n      createdAt\n    }\n    checkpoints(first: 10) {\n      treeSize\n      rootHash\n      createdAt\n    }\n    myTransactions(input: { first: 20 }) {\n      nodes {\n        id\n        kind\n        createdAt\n        inclusionProof {\n          leafIndex\n          treeSize\n          leafData\n          hashes\n          checkpoint {\n            note\n          }\n        }\n      }\n    }\n  }\n": typeof types.ExplorerDocument,
    "\n  query Wallet {\n    me {\n      id\n      wallet {\n        amount\n        token {\n          id\n          name\n          symbol\n          decimals\n        }\n      }\n    }\n  }\n": typeof types.WalletDocument,
    "\n  query Recipients($organizationId: ID!) {\n    organization(id: $organizationId) {\n      id\n      members {\n        id\n        user {\n          id\n          email\n        }\n      }\n    }\n  }\n": typeof types.RecipientsDocument,
    "\n  query History($input: HistoryInput!) {\n    myTransactions(input: $input) {\n      nodes {\n        id\n        kind\n        memo\n        createdAt\n        postings {\n          amount\n          ownerType\n          owner {\n            id\n          }\n          token {\n            id\n            symbol\n            decimals\n          }\n        }\n      }\n      endCursor\n      hasNextPage\n    }\n  }\n": typeof types.HistoryDocument,
    "\n  mutation Transfer($input: MovementInput!) {\n    transferTokens(input: $input) {\n      id\n    }\n  }\n": typeof types.TransferDocument,
    "\n  mutation Redeem($input: MovementInput!) {\n    redeemTokens(input: $input) {\n      id\n    }\n  }\n": typeof types.RedeemDocument,
};
const documents: Documents = {
    "\n  query Shell {\n    me {\n      id\n      email\n      memberships {\n        role\n        organization {\n          id\n          name\n          brandColor\n          logoUrl\n        }\n      }\n    }\n  }\n": types.ShellDocument,
    "\n  mutation SwitchOrganization($organizationId: ID!) {\n    switchOrganization(organizationId: $organizationId) {\n      accessToken\n    }\n  }\n": types.SwitchOrganizationDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": types.SignOutDocument,
    "\n  mutation RefreshSession($refreshToken: String!) {\n    refreshSession(refreshToken: $refreshToken) {\n      accessToken\n      refreshToken\n    }\n  }\n": types.RefreshSessionDocument,
    "\n  mutation SignIn($input: CredentialsInput!) {\n    signIn(input: $input) {\n      mfaRequired\n      mfaToken\n      session {\n        accessToken\n        refreshToken\n      }\n    }\n  }\n": types.SignInDocument,
    "\n  mutation CompleteMfaSignIn($mfaToken: String!, $code: String!) {\n    completeMfaSignIn(mfaToken: $mfaToken, code: $code) {\n      accessToken\n      refreshToken\n    }\n  }\n": types.CompleteMfaSignInDocument,
    "\n  mutation SignUp($input: CredentialsInput!) {\n    signUp(input: $input) {\n      accessToken\n      refreshToken\n    }\n  }\n": types.SignUpDocument,
    "\n  query Explorer {\n    chainPublicKey\n    latestCheckpoint {\n      treeSize\n      rootHash\n      createdAt\n    }\n    checkpoints(first: 10) {\n      treeSize\n      rootHash\n      createdAt\n    }\n    myTransactions(input: { first: 20 }) {\n      nodes {\n        id\n        kind\n        createdAt\n        inclusionProof {\n          leafIndex\n          treeSize\n          leafData\n          hashes\n          checkpoint {\n            note\n          }\n        }\n      }\n    }\n  }\n": types.ExplorerDocument,
    "\n  query Wallet {\n    me {\n      id\n      wallet {\n        amount\n        token {\n          id\n          name\n          symbol\n          decimals\n        }\n      }\n    }\n  }\n": types.WalletDocument,
    "\n  query Recipients($organizationId: ID!) {\n    organization(id: $organizationId) {\n      id\n      members {\n        id\n        user {\n          id\n          email\n        }\n      }\n    }\n  }\n": types.RecipientsDocument,
    "\n  query History($input: HistoryInput!) {\n    myTransactions(input: $input) {\n      nodes {\n        id\n        kind\n        memo\n        createdAt\n        postings {\n          amount\n          ownerType\n          owner {\n            id\n          }\n          token {\n            id\n            symbol\n            decimals\n          }\n        }\n      }\n      endCursor\n      hasNextPage\n    }\n  }\n": types.HistoryDocument,
    "\n  mutation Transfer($input: MovementInput!) {\n    transferTokens(input: $input) {\n      id\n    }\n  }\n": types.TransferDocument,
    "\n  mutation Redeem($input: MovementInput!) {\n    redeemTokens(input: $input) {\n      id\n    }\n  }\n": types.RedeemDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Shell {\n    me {\n      id\n      email\n      memberships {\n        role\n        organization {\n          id\n          name\n          brandColor\n          logoUrl\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Shell {\n    me {\n      id\n      email\n      memberships {\n        role\n        organization {\n          id\n          name\n          brandColor\n          logoUrl\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SwitchOrganization($organizationId: ID!) {\n    switchOrganization(organizationId: $organizationId) {\n      accessToken\n    }\n  }\n"): (typeof documents)["\n  mutation SwitchOrganization($organizationId: ID!) {\n    switchOrganization(organizationId: $organizationId) {\n      accessToken\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOut {\n    signOut\n  }\n"): (typeof documents)["\n  mutation SignOut {\n    signOut\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefreshSession($refreshToken: String!) {\n    refreshSession(refreshToken: $refreshToken) {\n      accessToken\n      refreshToken\n    }\n  }\n"): (typeof documents)["\n  mutation RefreshSession($refreshToken: String!) {\n    refreshSession(refreshToken: $refreshToken) {\n      accessToken\n      refreshToken\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignIn($input: CredentialsInput!) {\n    signIn(input: $input) {\n      mfaRequired\n      mfaToken\n      session {\n        accessToken\n        refreshToken\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SignIn($input: CredentialsInput!) {\n    signIn(input: $input) {\n      mfaRequired\n      mfaToken\n      session {\n        accessToken\n        refreshToken\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CompleteMfaSignIn($mfaToken: String!, $code: String!) {\n    completeMfaSignIn(mfaToken: $mfaToken, code: $code) {\n      accessToken\n      refreshToken\n    }\n  }\n"): (typeof documents)["\n  mutation CompleteMfaSignIn($mfaToken: String!, $code: String!) {\n    completeMfaSignIn(mfaToken: $mfaToken, code: $code) {\n      accessToken\n      refreshToken\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignUp($input: CredentialsInput!) {\n    signUp(input: $input) {\n      accessToken\n      refreshToken\n    }\n  }\n"): (typeof documents)["\n  mutation SignUp($input: CredentialsInput!) {\n    signUp(input: $input) {\n      accessToken\n      refreshToken\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Explorer {\n    chainPublicKey\n    latestCheckpoint {\n      treeSize\n      rootHash\n      createdAt\n    }\n    checkpoints(first: 10) {\n      treeSize\n      rootHash\n      createdAt\n    }\n    myTransactions(input: { first: 20 }) {\n      nodes {\n        id\n        kind\n        createdAt\n        inclusionProof {\n          leafIndex\n          treeSize\n          leafData\n          hashes\n          checkpoint {\n            note\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Explorer {\n    chainPublicKey\n    latestCheckpoint {\n      treeSize\n      rootHash\n      createdAt\n    }\n    checkpoints(first: 10) {\n      treeSize\n      rootHash\n      createdAt\n    }\n    myTransactions(input: { first: 20 }) {\n      nodes {\n        id\n        kind\n        createdAt\n        inclusionProof {\n          leafIndex\n          treeSize\n          leafData\n          hashes\n          checkpoint {\n            note\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Wallet {\n    me {\n      id\n      wallet {\n        amount\n        token {\n          id\n          name\n          symbol\n          decimals\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Wallet {\n    me {\n      id\n      wallet {\n        amount\n        token {\n          id\n          name\n          symbol\n          decimals\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Recipients($organizationId: ID!) {\n    organization(id: $organizationId) {\n      id\n      members {\n        id\n        user {\n          id\n          email\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Recipients($organizationId: ID!) {\n    organization(id: $organizationId) {\n      id\n      members {\n        id\n        user {\n          id\n          email\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query History($input: HistoryInput!) {\n    myTransactions(input: $input) {\n      nodes {\n        id\n        kind\n        memo\n        createdAt\n        postings {\n          amount\n          ownerType\n          owner {\n            id\n          }\n          token {\n            id\n            symbol\n            decimals\n          }\n        }\n      }\n      endCursor\n      hasNextPage\n    }\n  }\n"): (typeof documents)["\n  query History($input: HistoryInput!) {\n    myTransactions(input: $input) {\n      nodes {\n        id\n        kind\n        memo\n        createdAt\n        postings {\n          amount\n          ownerType\n          owner {\n            id\n          }\n          token {\n            id\n            symbol\n            decimals\n          }\n        }\n      }\n      endCursor\n      hasNextPage\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Transfer($input: MovementInput!) {\n    transferTokens(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation Transfer($input: MovementInput!) {\n    transferTokens(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Redeem($input: MovementInput!) {\n    redeemTokens(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation Redeem($input: MovementInput!) {\n    redeemTokens(input: $input) {\n      id\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;