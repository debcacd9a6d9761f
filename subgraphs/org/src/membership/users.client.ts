import { PRINCIPAL_HEADER } from '@etika/schema';
import { callInternal } from '@etika/kit';

/** What org needs from identity: who has an email. Asked with the caller's own (relayed) principal token. */
export interface UserDirectory {
  findByEmail(email: string, principalToken: string): Promise<{ id: string; email: string } | null>;
}

export function httpUserDirectory(identityBaseUrl: () => string): UserDirectory {
  return {
    async findByEmail(email, principalToken) {
      const url = new URL('/internal/users/lookup', identityBaseUrl());
      url.searchParams.set('email', email);
      return callInternal<{ id: string; email: string }>(url.toString(), { [PRINCIPAL_HEADER]: principalToken });
    },
  };
}
