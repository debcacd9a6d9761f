import { graphql } from '../../gql/shell/index.ts';

export const MY_INVITATIONS = graphql(`
  query MyInvitations {
    myInvitations {
      id
      organizationId
      organizationName
      role
      expiresAt
    }
  }
`);
export const ACCEPT = graphql(`mutation AcceptInvitation($invitationId: ID!) { acceptInvitation(invitationId: $invitationId) { id } }`);
export const DECLINE = graphql(`mutation DeclineInvitation($invitationId: ID!) { declineInvitation(invitationId: $invitationId) { id status } }`);
