/** The time the delivery workers go by: the wall clock in service, a controlled one in tests. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
