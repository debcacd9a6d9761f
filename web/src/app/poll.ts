/** How often the bell asks the unread count again while the live stream is down (the stream counts it otherwise). */
export const POLL_MS = 10_000;
