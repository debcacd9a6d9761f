import { describe, expect, it } from 'vitest';
import { grantableRoles, mayManage } from './rules.ts';

describe('what a role may do to members', () => {
  it('offers only roles up to your own, and owner only to owners', () => {
    expect(grantableRoles('owner')).toEqual(['OWNER', 'ADMIN', 'MEMBER', 'AUDITOR']);
    expect(grantableRoles('admin')).toEqual(['ADMIN', 'MEMBER', 'AUDITOR']);
    expect(grantableRoles('member')).toEqual(['MEMBER', 'AUDITOR']);
    expect(grantableRoles(null)).toEqual([]);
    expect(grantableRoles('partner')).toEqual([]);
  });

  it('never lets an admin touch an owner, and nobody their own row', () => {
    expect(mayManage('admin', 'OWNER', false)).toBe(false);
    expect(mayManage('admin', 'ADMIN', false)).toBe(true);
    expect(mayManage('admin', 'MEMBER', false)).toBe(true);
    expect(mayManage('owner', 'OWNER', false)).toBe(true);
    expect(mayManage('owner', 'MEMBER', true)).toBe(false);
    expect(mayManage('auditor', 'ADMIN', false)).toBe(false);
  });
});
