import { randomUUID } from 'node:crypto';
import type { DocumentNode, FormattedExecutionResult, GraphQLFormattedError } from 'graphql';
import { HttpError, type EventBus, type Logger } from '@etika/kit';
import { evaluateRule, requirementRule, type EventEnvelope, type Principal, type Requirement } from '@etika/schema';
import type { Authenticated } from '../auth/authenticate.ts';
import { LIVE_EVENT_TYPES, interpret, isFor, type LiveEvent } from './audience.ts';
import type { LivePlan } from './live-query.ts';
import { LiveStream } from './live-stream.ts';
import type { LiveSettings } from './settings.ts';

/** The credentials a stream was opened with: presented again for every event, as every query presents them. */
export interface Credentials {
  readonly authorization?: string | undefined;
  readonly apiKey?: string | undefined;
}

export type Authenticate = (credentials: Credentials) => Promise<Authenticated>;

/** Runs a query as a principal through the gateway's normal path (authorization before planning, then execution). */
export type LiveExecutor = (auth: Authenticated, document: DocumentNode, variables: Record<string, unknown>) => Promise<FormattedExecutionResult>;

interface Subscriber {
  readonly owner: string;
  readonly principal: Principal;
  readonly credentials: Credentials;
  readonly plan: LivePlan;
  readonly requirement: Requirement;
  readonly variables: Record<string, unknown>;
  readonly stream: LiveStream;
  readonly openedAt: number;
  /** Each subscriber's events are resolved one after another, so they arrive in the bus's order. */
  chain: Promise<void>;
}

/** Who a stream counts against: the person, or the partner key. */
const ownerOf = (principal: Principal): string | null =>
  principal.kind === 'user' ? `user:${principal.userId}` : principal.kind === 'apiKey' ? `apikey:${principal.keyId}` : null;

const ended = (error: GraphQLFormattedError): FormattedExecutionResult => ({ errors: [error] });

/** Why a stream ends when its credentials no longer authenticate: the gateway's own codes (RIGHTS_CHANGED…). */
function endingError(err: unknown): GraphQLFormattedError {
  if (err instanceof HttpError) return { message: err.message, extensions: { code: err.code } };
  return { message: 'Rights cannot be checked right now; subscribe again shortly', extensions: { code: 'SERVICE_UNAVAILABLE' } };
}

/**
 * The gateway's live subscribers, fed from the event bus (one consumer group per gateway process, so each process
 * sees every event). For each event and each subscriber it concerns, the subscriber's credentials are authenticated
 * again (current rights: a removed member, a changed role or a revoked session ends the stream with its code, and
 * nothing more is delivered), then the entity is resolved through the normal query path as that subscriber.
 * Rights are also re-checked when the bus says a person's membership changed, and every `rightsCheckMs`.
 */
export class LiveHub {
  private readonly subscribers = new Set<Subscriber>();
  private readonly streamsPerOwner = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    bus: EventBus,
    private readonly authenticate: Authenticate,
    private readonly execute: LiveExecutor,
    private readonly settings: LiveSettings,
    private readonly logger: Logger,
  ) {
    bus.subscribe(`gateway-live-${randomUUID()}`, LIVE_EVENT_TYPES, (event) => this.onEvent(event));
    this.timer = setInterval(() => {
      for (const s of this.subscribers) this.recheck(s);
    }, settings.rightsCheckMs);
    this.timer.unref();
  }

  /** A new stream for this subscription, or the error that refuses it (the per-person limit). */
  open(auth: Authenticated, credentials: Credentials, plan: LivePlan, requirement: Requirement, variables: Record<string, unknown>): LiveStream | HttpError {
    const owner = ownerOf(auth.principal);
    if (!owner) return new HttpError(401, 'Sign in to subscribe', 'UNAUTHENTICATED');
    const count = this.streamsPerOwner.get(owner) ?? 0;
    if (count >= this.settings.maxStreamsPerPerson) {
      return new HttpError(429, `At most ${this.settings.maxStreamsPerPerson} live streams may be open at once; close one first`, 'TOO_MANY_REQUESTS');
    }
    this.streamsPerOwner.set(owner, count + 1);
    const subscriber: Subscriber = {
      owner,
      principal: auth.principal,
      credentials,
      plan,
      requirement,
      variables,
      openedAt: Date.now(),
      chain: Promise.resolve(),
      stream: new LiveStream(() => this.release(subscriber)),
    };
    this.subscribers.add(subscriber);
    return subscriber.stream;
  }

  /** Open streams of one person or key (for tests and metrics). */
  streamsOf(principal: Principal): number {
    const owner = ownerOf(principal);
    return owner ? (this.streamsPerOwner.get(owner) ?? 0) : 0;
  }

  close(): void {
    clearInterval(this.timer);
    for (const s of this.subscribers) s.stream.end();
  }

  private release(subscriber: Subscriber): void {
    if (!this.subscribers.delete(subscriber)) return;
    const left = (this.streamsPerOwner.get(subscriber.owner) ?? 1) - 1;
    if (left > 0) this.streamsPerOwner.set(subscriber.owner, left);
    else this.streamsPerOwner.delete(subscriber.owner);
  }

  /** Never throws: a bus handler that threw would be retried, and one subscriber's failure is not another's. */
  private async onEvent(event: EventEnvelope): Promise<void> {
    const signal = interpret(event);
    if (!signal) return;
    if (signal.field === null) {
      for (const s of this.subscribers) if (s.principal.kind === 'user' && s.principal.userId === signal.rightsOf) this.recheck(s);
      return;
    }
    const occurredAt = Date.parse(event.occurredAt);
    for (const s of this.subscribers) {
      if (s.plan.field !== signal.field || s.principal.kind !== 'user' || s.openedAt > occurredAt) continue;
      if (!isFor(signal.recipients, s.principal)) continue;
      this.enqueue(s, () => this.deliver(s, signal));
    }
  }

  private recheck(subscriber: Subscriber): void {
    this.enqueue(subscriber, async () => {
      await this.current(subscriber);
    });
  }

  private enqueue(subscriber: Subscriber, work: () => Promise<void>): void {
    subscriber.chain = subscriber.chain.then(async () => {
      if (!subscriber.stream.open) return;
      try {
        await work();
      } catch (err) {
        this.logger.warn({ err, field: subscriber.plan.field }, 'live event could not be resolved');
      }
    });
  }

  /** The subscriber's rights as they are now; null (and the stream ended with the reason) when they are gone. */
  private async current(subscriber: Subscriber): Promise<Authenticated | null> {
    try {
      const auth = await this.authenticate(subscriber.credentials);
      if (!(await evaluateRule(requirementRule(subscriber.requirement), auth.principal))) {
        subscriber.stream.end(ended({ message: 'You may no longer subscribe to this field', path: [subscriber.plan.responseKey], extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE' } }));
        return null;
      }
      return auth;
    } catch (err) {
      subscriber.stream.end(ended(endingError(err)));
      return null;
    }
  }

  private async deliver(subscriber: Subscriber, signal: LiveEvent): Promise<void> {
    const auth = await this.current(subscriber);
    if (!auth) return;
    const { plan, variables } = subscriber;
    const answer = await this.execute(auth, plan.query, plan.variables(signal.payload, variables));
    const value = plan.value(answer.data as Record<string, unknown> | null | undefined, signal.payload, variables);
    if (value === null) {
      if (answer.errors?.length) this.logger.warn({ field: plan.field, errors: answer.errors.map((e) => e.message) }, 'live event resolved with errors only');
      return;
    }
    const errors = answer.errors?.map((e) => (e.path ? { ...e, path: plan.path(e.path) } : e));
    subscriber.stream.push({ data: { [plan.responseKey]: value }, ...(errors?.length ? { errors } : {}) });
  }
}
