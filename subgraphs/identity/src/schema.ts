import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '@etika/kit';
import { ApiKeyResolver } from './api-key/api-key.resolver.ts';
import { AuthResolver } from './auth/auth.resolver.ts';
import { EmailLinkResolver } from './auth/email-links.resolver.ts';
import { MfaResolver } from './mfa/mfa.resolver.ts';
import { SessionResolver } from './session/session.resolver.ts';
import { UserResolver, userReference } from './user/user.resolver.ts';
import { User } from './user/user.type.ts';

/** Root fields anyone may call: how one gets a session in the first place. */
export const PUBLIC_ROOT_FIELDS = ['signUp', 'signIn', 'completeMfaSignIn', 'refreshSession', 'requestSignUp', 'completeSignUp', 'requestPasswordReset', 'resetPassword'] as const;

export function buildIdentitySchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [UserResolver, AuthResolver, EmailLinkResolver, SessionResolver, MfaResolver, ApiKeyResolver],
    orphanedTypes: [User],
    references: { User: userReference },
    publicRootFields: PUBLIC_ROOT_FIELDS,
    // a password is read by nobody: any character but a control character
    secretArguments: ['CredentialsInput.password', 'SignUpRequestInput.password', 'Mutation.resetPassword(password:)'],
  });
}
