import { describe, expect, it } from 'vitest';
import { memberChangeViolation } from './membership.rules.ts';

describe('memberChangeViolation', () => {
  const base = { ownerCount: 2, selfChange: false } as const;
  it('lets an owner make another owner', () => {
    expect(memberChangeViolation({ ...base, actorRole: 'owner', targetRole: 'member', next: 'owner' })).toBeNull();
  });
  it('stops an admin from making an owner or touching one', () => {
    expect(memberChangeViolation({ ...base, actorRole: 'admin', targetRole: 'member', next: 'owner' })?.code).toBe('FORBIDDEN');
    expect(memberChangeViolation({ ...base, actorRole: 'admin', targetRole: 'owner', next: 'member' })?.code).toBe('FORBIDDEN');
    expect(memberChangeViolation({ ...base, actorRole: 'admin', targetRole: 'owner', next: null })?.code).toBe('FORBIDDEN');
  });
  it('lets an admin manage members and auditors', () => {
    expect(memberChangeViolation({ ...base, actorRole: 'admin', targetRole: 'member', next: 'auditor' })).toBeNull();
    expect(memberChangeViolation({ ...base, actorRole: 'admin', targetRole: 'auditor', next: null })).toBeNull();
  });
  it('never removes or demotes the last owner, even themselves', () => {
    const last = { ownerCount: 1, actorRole: 'owner', targetRole: 'owner' } as const;
    expect(memberChangeViolation({ ...last, next: null, selfChange: true })?.code).toBe('LAST_OWNER');
    expect(memberChangeViolation({ ...last, next: 'admin', selfChange: true })?.code).toBe('LAST_OWNER');
    expect(memberChangeViolation({ ...last, next: 'admin', selfChange: false, ownerCount: 2 })).toBeNull();
  });
  it('lets anyone leave unless they are the last owner', () => {
    expect(memberChangeViolation({ ownerCount: 1, actorRole: 'member', targetRole: 'member', next: null, selfChange: true })).toBeNull();
  });
});
