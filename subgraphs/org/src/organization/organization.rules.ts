import type { ErrorCode } from '@etika/kit';

export interface BrandingViolation {
  readonly code: ErrorCode;
  readonly field: string;
  readonly message: string;
}

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;
const MAX_ORG_NAME = 100;

/** Branding the web app turns into a theme; checked here so no stored value can break a page. */
export function brandingViolation(branding: { name?: string | undefined; brandColor?: string | null | undefined; logoUrl?: string | null | undefined }): BrandingViolation | null {
  if (branding.name !== undefined) {
    const name = branding.name.trim();
    if (name.length === 0 || name.length > MAX_ORG_NAME) {
      return { code: 'BAD_USER_INPUT', field: 'name', message: `The name needs 1 to ${MAX_ORG_NAME} characters` };
    }
  }
  if (branding.brandColor && !HEX_COLOR.test(branding.brandColor)) {
    return { code: 'BAD_USER_INPUT', field: 'brandColor', message: 'The brand colour must look like #1a2b3c' };
  }
  if (branding.logoUrl) {
    let url: URL | null = null;
    try {
      url = new URL(branding.logoUrl);
    } catch {
      url = null;
    }
    if (!url || url.protocol !== 'https:' || branding.logoUrl.length > 2048) {
      return { code: 'BAD_USER_INPUT', field: 'logoUrl', message: 'The logo must be an https:// address' };
    }
  }
  return null;
}
