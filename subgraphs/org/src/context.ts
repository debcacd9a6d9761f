import type { RequestInfo } from '@etika/kit';
import type { MembershipService } from './membership/membership.service.ts';
import type { OrganizationService } from './organization/organization.service.ts';

export interface OrgServices {
  readonly organizations: OrganizationService;
  readonly memberships: MembershipService;
}

export interface OrgContext extends RequestInfo {
  readonly services: OrgServices;
}
