import { appError } from '@etika/kit';
import { isWebhookEventType, WEBHOOK_EVENT_TYPES } from './payload.ts';

export const URL_MAX = 2048;
export const DESCRIPTION_MAX = 500;
export const OVERLAP_MAX_HOURS = 7 * 24;

/** An endpoint's URL: absolute, https (http only where development allows it), no credentials in it. */
export function endpointUrlOrThrow(raw: string, allowHttp: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw appError('BAD_USER_INPUT', 'Enter an absolute URL, such as https://example.com/webhooks', { field: 'url' });
  }
  if (raw.length > URL_MAX) throw appError('BAD_USER_INPUT', `A URL has at most ${URL_MAX} characters`, { field: 'url' });
  if (url.protocol !== 'https:' && !(allowHttp && url.protocol === 'http:')) throw appError('BAD_USER_INPUT', 'A webhook URL starts with https://', { field: 'url' });
  if (url.username || url.password) throw appError('BAD_USER_INPUT', 'A webhook URL carries no user name or password', { field: 'url' });
  return url;
}

export function eventTypesOrThrow(types: readonly string[]): string[] {
  const unique = [...new Set(types)];
  if (unique.length === 0) throw appError('BAD_USER_INPUT', 'Choose at least one event type', { field: 'eventTypes' });
  const unknown = unique.filter((t) => !isWebhookEventType(t));
  if (unknown.length) throw appError('BAD_USER_INPUT', `Unknown event types: ${unknown.join(', ')}; known: ${WEBHOOK_EVENT_TYPES.join(', ')}`, { field: 'eventTypes' });
  return unique;
}

export function descriptionOrThrow(description: string): string {
  const trimmed = description.trim();
  if (trimmed.length > DESCRIPTION_MAX) throw appError('BAD_USER_INPUT', `A description has at most ${DESCRIPTION_MAX} characters`, { field: 'description' });
  return trimmed;
}

export function overlapOrThrow(hours: number): number {
  if (!Number.isInteger(hours) || hours < 0 || hours > OVERLAP_MAX_HOURS) throw appError('BAD_USER_INPUT', `The overlap is 0 to ${OVERLAP_MAX_HOURS} hours`, { field: 'overlapHours' });
  return hours;
}
