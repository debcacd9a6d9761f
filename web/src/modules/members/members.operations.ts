import { graphql } from '../../gql/index.ts';

export const MEMBERS = graphql(`
  query Members($organizationId: ID!) {
    organization(id: $organizationId) {
      id
      name
      members {
        id
        role
        joinedAt
        user {
          id
          email
        }
      }
    }
  }
`);
export const INVITATIONS = graphql(`
  query Invitations($organizationId: ID!) {
    organization(id: $organizationId) {
      id
      invitations {
        id
        email
        role
        status
        expiresAt
      }
    }
  }
`);
export const INVITE = graphql(`mutation InviteMember($email: String!, $role: MemberRole!) { inviteMember(email: $email, role: $role) { id } }`);
export const REVOKE_INVITATION = graphql(`mutation RevokeInvitation($invitationId: ID!) { revokeInvitation(invitationId: $invitationId) { id status } }`);
export const CHANGE = graphql(`mutation ChangeMemberRole($membershipId: ID!, $role: MemberRole!) { changeMemberRole(membershipId: $membershipId, role: $role) { id role } }`);
export const REMOVE = graphql(`mutation RemoveMember($membershipId: ID!) { removeMember(membershipId: $membershipId) { id } }`);
