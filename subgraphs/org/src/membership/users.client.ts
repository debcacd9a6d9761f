import { INTERNAL_ROUTES, PRINCIPAL_HEADER } from '@etika/schema';
import { callInternal } from '@etika/kit';

/** What org needs from identity: the address of the person calling. Asked with their own (relayed) principal token. */
export interface UserDirectory {
  ownEmail(principalToken: string): Promise<string | null>;
}

export function httpUserDirectory(identityBaseUrl: () => string): UserDirectory {
  return {
    async ownEmail(principalToken) {
      return (await callInternal(identityBaseUrl(), INTERNAL_ROUTES.ownEmail, {}, { [PRINCIPAL_HEADER]: principalToken }))?.email ?? null;
    },
  };
}
