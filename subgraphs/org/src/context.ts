import type { RequestInfo } from '@etika/kit';
import type { InvitationService } from './invitation/invitation.service.ts';
import type { MembershipService } from './membership/membership.service.ts';
import type { OrganizationService } from './organization/organization.service.ts';

export interface OrgServices {
  readonly organizations: OrganizationService;
  readonly memberships: MembershipService;
  readonly invitations: InvitationService;
}

export interface OrgContext extends RequestInfo {
  readonly services: OrgServices;
}
