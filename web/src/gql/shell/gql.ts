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
    "query UnreadNotificationCount { unreadNotificationCount }": typeof types.UnreadNotificationCountDocument,
    "\n  query Shell {\n    me {\n      id\n      email\n      memberships {\n        role\n        organization {\n          id\n          name\n          brandColor\n          logoUrl\n        }\n      }\n    }\n  }\n": typeof types.ShellDocument,
    "\n  mutation SetMyLanguage($language: Language!) {\n    setMyLanguage(language: $language) {\n      id\n    }\n  }\n": typeof types.SetMyLanguageDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": typeof types.SignOutDocument,
    "\n  mutation SwitchOrganization($organizationId: ID!) {\n    switchOrganization(organizationId: $organizationId) {\n      accessToken\n    }\n  }\n": typeof types.SwitchOrganizationDocument,
    "\n  mutation SignIn($input: CredentialsInput!) {\n    signIn(input: $input) {\n      mfaRequired\n      mfaToken\n      session {\n        accessToken\n        refreshToken\n      }\n    }\n  }\n": typeof types.SignInDocument,
    "\n  mutation CompleteMfaSignIn($mfaToken: String!, $code: String!) {\n    completeMfaSignIn(mfaToken: $mfaToken, code: $code) {\n      accessToken\n      refreshToken\n    }\n  }\n": typeof types.CompleteMfaSignInDocument,
    "mutation RequestSignUp($input: SignUpRequestInput!) { requestSignUp(input: $input) }": typeof types.RequestSignUpDocument,
    "\n  query MyInvitations {\n    myInvitations {\n      id\n      organizationId\n      organizationName\n      role\n      expiresAt\n    }\n  }\n": typeof types.MyInvitationsDocument,
    "mutation AcceptInvitation($invitationId: ID!) { acceptInvitation(invitationId: $invitationId) { id } }": typeof types.AcceptInvitationDocument,
    "mutation DeclineInvitation($invitationId: ID!) { declineInvitation(invitationId: $invitationId) { id status } }": typeof types.DeclineInvitationDocument,
};
const documents: Documents = {
    "query UnreadNotificationCount { unreadNotificationCount }": types.UnreadNotificationCountDocument,
    "\n  query Shell {\n    me {\n      id\n      email\n      memberships {\n        role\n        organization {\n          id\n          name\n          brandColor\n          logoUrl\n        }\n      }\n    }\n  }\n": types.ShellDocument,
    "\n  mutation SetMyLanguage($language: Language!) {\n    setMyLanguage(language: $language) {\n      id\n    }\n  }\n": types.SetMyLanguageDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": types.SignOutDocument,
    "\n  mutation SwitchOrganization($organizationId: ID!) {\n    switchOrganization(organizationId: $organizationId) {\n      accessToken\n    }\n  }\n": types.SwitchOrganizationDocument,
    "\n  mutation SignIn($input: CredentialsInput!) {\n    signIn(input: $input) {\n      mfaRequired\n      mfaToken\n      session {\n        accessToken\n        refreshToken\n      }\n    }\n  }\n": types.SignInDocument,
    "\n  mutation CompleteMfaSignIn($mfaToken: String!, $code: String!) {\n    completeMfaSignIn(mfaToken: $mfaToken, code: $code) {\n      accessToken\n      refreshToken\n    }\n  }\n": types.CompleteMfaSignInDocument,
    "mutation RequestSignUp($input: SignUpRequestInput!) { requestSignUp(input: $input) }": types.RequestSignUpDocument,
    "\n  query MyInvitations {\n    myInvitations {\n      id\n      organizationId\n      organizationName\n      role\n      expiresAt\n    }\n  }\n": types.MyInvitationsDocument,
    "mutation AcceptInvitation($invitationId: ID!) { acceptInvitation(invitationId: $invitationId) { id } }": types.AcceptInvitationDocument,
    "mutation DeclineInvitation($invitationId: ID!) { declineInvitation(invitationId: $invitationId) { id status } }": types.DeclineInvitationDocument,
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
export function graphql(source: "query UnreadNotificationCount { unreadNotificationCount }"): (typeof documents)["query UnreadNotificationCount { unreadNotificationCount }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Shell {\n    me {\n      id\n      email\n      memberships {\n        role\n        organization {\n          id\n          name\n          brandColor\n          logoUrl\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Shell {\n    me {\n      id\n      email\n      memberships {\n        role\n        organization {\n          id\n          name\n          brandColor\n          logoUrl\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetMyLanguage($language: Language!) {\n    setMyLanguage(language: $language) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation SetMyLanguage($language: Language!) {\n    setMyLanguage(language: $language) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOut {\n    signOut\n  }\n"): (typeof documents)["\n  mutation SignOut {\n    signOut\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SwitchOrganization($organizationId: ID!) {\n    switchOrganization(organizationId: $organizationId) {\n      accessToken\n    }\n  }\n"): (typeof documents)["\n  mutation SwitchOrganization($organizationId: ID!) {\n    switchOrganization(organizationId: $organizationId) {\n      accessToken\n    }\n  }\n"];
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
export function graphql(source: "mutation RequestSignUp($input: SignUpRequestInput!) { requestSignUp(input: $input) }"): (typeof documents)["mutation RequestSignUp($input: SignUpRequestInput!) { requestSignUp(input: $input) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyInvitations {\n    myInvitations {\n      id\n      organizationId\n      organizationName\n      role\n      expiresAt\n    }\n  }\n"): (typeof documents)["\n  query MyInvitations {\n    myInvitations {\n      id\n      organizationId\n      organizationName\n      role\n      expiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AcceptInvitation($invitationId: ID!) { acceptInvitation(invitationId: $invitationId) { id } }"): (typeof documents)["mutation AcceptInvitation($invitationId: ID!) { acceptInvitation(invitationId: $invitationId) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeclineInvitation($invitationId: ID!) { declineInvitation(invitationId: $invitationId) { id status } }"): (typeof documents)["mutation DeclineInvitation($invitationId: ID!) { declineInvitation(invitationId: $invitationId) { id status } }"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;