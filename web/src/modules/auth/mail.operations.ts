import { graphql } from '../../gql/index.ts';

/** Asks for `refreshToken` so that the gateway moves it into the HttpOnly refresh cookie (sent with `COOKIE_SESSION`). */
export const COMPLETE_SIGN_UP = graphql(`
  mutation CompleteSignUp($token: String!) {
    completeSignUp(token: $token) {
      accessToken
      refreshToken
    }
  }
`);

export const REQUEST_PASSWORD_RESET = graphql(`mutation RequestPasswordReset($email: String!) { requestPasswordReset(email: $email) }`);
export const RESET_PASSWORD = graphql(`mutation ResetPassword($token: String!, $password: String!) { resetPassword(token: $token, password: $password) }`);

export const DEVELOPMENT_MAILBOX = graphql(`
  query DevelopmentMailbox {
    developmentMailbox(first: 20) {
      id
      to
      subject
      text
      status
      createdAt
    }
  }
`);
