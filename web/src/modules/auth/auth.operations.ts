import { graphql } from '../../gql/shell/index.ts';

/*
 * Each asks for `refreshToken` so that the gateway can move it into the HttpOnly refresh cookie: sent with
 * `COOKIE_SESSION`, the answer's body says null there.
 */

export const SIGN_IN = graphql(`
  mutation SignIn($input: CredentialsInput!) {
    signIn(input: $input) {
      mfaRequired
      mfaToken
      session {
        accessToken
        refreshToken
      }
    }
  }
`);

export const COMPLETE_MFA = graphql(`
  mutation CompleteMfaSignIn($mfaToken: String!, $code: String!) {
    completeMfaSignIn(mfaToken: $mfaToken, code: $code) {
      accessToken
      refreshToken
    }
  }
`);

/** Sign-up by mail: the answer is the same whether the address has an account. */
export const REQUEST_SIGN_UP = graphql(`mutation RequestSignUp($input: SignUpRequestInput!) { requestSignUp(input: $input) }`);
