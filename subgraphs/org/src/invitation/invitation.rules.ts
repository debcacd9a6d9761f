/** How long an invitation stays open. */
export const INVITATION_DAYS = 7;

export type InvitationState = 'pending' | 'accepted' | 'declined' | 'revoked' | 'expired';

/** What an invitation is now: an open one past its expiry is expired, whatever its row says. */
export function invitationState(row: { readonly status: string; readonly expiresAt: Date }, now = new Date()): InvitationState {
  if (row.status === 'pending') return row.expiresAt <= now ? 'expired' : 'pending';
  if (row.status === 'accepted' || row.status === 'declined' || row.status === 'revoked') return row.status;
  throw new Error(`unknown invitation status ${row.status}`);
}

/** Why an invitation cannot be answered or revoked any more, in words; null while it is open. */
export function closedReason(state: InvitationState): string | null {
  switch (state) {
    case 'pending':
      return null;
    case 'expired':
      return 'This invitation has expired; ask for a new one';
    case 'accepted':
      return 'This invitation has already been accepted';
    case 'declined':
      return 'This invitation was declined';
    case 'revoked':
      return 'This invitation was withdrawn';
  }
}

export function expiryFrom(now: Date): Date {
  return new Date(now.getTime() + INVITATION_DAYS * 24 * 3600 * 1000);
}
