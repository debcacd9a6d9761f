import { describe, expect, it } from 'vitest';
import { closedReason, expiryFrom, invitationState, INVITATION_DAYS } from './invitation.rules.ts';

describe('invitation rules', () => {
  const now = new Date('2026-12-01T10:00:00Z');

  it('an open invitation is pending until it expires, then expired', () => {
    const expiresAt = expiryFrom(now);
    expect(expiresAt.getTime() - now.getTime()).toBe(INVITATION_DAYS * 24 * 3600 * 1000);
    expect(invitationState({ status: 'pending', expiresAt }, now)).toBe('pending');
    expect(invitationState({ status: 'pending', expiresAt }, expiresAt)).toBe('expired');
  });

  it('an answered one keeps its answer, even past its expiry', () => {
    const past = new Date(now.getTime() - 1000);
    for (const status of ['accepted', 'declined', 'revoked'] as const) expect(invitationState({ status, expiresAt: past }, now)).toBe(status);
  });

  it('says in words why a closed one cannot be answered', () => {
    expect(closedReason('pending')).toBeNull();
    for (const state of ['expired', 'accepted', 'declined', 'revoked'] as const) expect(closedReason(state)).toMatch(/invitation/);
  });

  it('refuses a status it does not know instead of treating it as open', () => {
    expect(() => invitationState({ status: 'maybe', expiresAt: now }, now)).toThrow();
  });
});
