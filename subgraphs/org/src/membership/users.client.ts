import { INTERNAL_ROUTES, PRINCIPAL_HEADER } from '@etika/schema';
import { callInternal } from '@etika/kit';

/** What org needs from identity: who has an email. Asked with the caller's own (relayed) principal token. */
export interface UserDirectory {
  findByEmail(email: string, principalToken: string): Promise<{ id: string; email: string } | null>;
}

export function httpUserDirectory(identityBaseUrl: () => string): UserDirectory {
  return {
    async findByEmail(email, principalToken) {
      return callInternal(identityBaseUrl(), INTERNAL_ROUTES.lookupUser, { email }, { [PRINCIPAL_HEADER]: principalToken });
    },
  };
}
