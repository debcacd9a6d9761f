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
export const ADD = graphql(`mutation AddMember($email: String!, $role: MemberRole!) { addMember(email: $email, role: $role) { id } }`);
export const CHANGE = graphql(`mutation ChangeMemberRole($membershipId: ID!, $role: MemberRole!) { changeMemberRole(membershipId: $membershipId, role: $role) { id role } }`);
export const REMOVE = graphql(`mutation RemoveMember($membershipId: ID!) { removeMember(membershipId: $membershipId) { id } }`);
