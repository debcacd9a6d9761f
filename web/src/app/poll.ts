/** How often the bell asks the unread count again while the live stream is down. */
export const POLL_MS = 10_000;

/**
 * How often it asks while the stream is open: the stream counts new notifications up at once, and this catches up
 * with those read elsewhere (another tab or device).
 */
export const LIVE_POLL_MS = 60_000;
