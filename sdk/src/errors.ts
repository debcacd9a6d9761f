/** One error of a GraphQL answer, with the platform's `extensions.code` (`INSUFFICIENT_BALANCE`, `FORBIDDEN`…). */
export interface GraphQLErrorEntry {
  readonly message: string;
  readonly path?: readonly (string | number)[];
  readonly extensions?: { readonly code?: string; readonly [key: string]: unknown };
}

/** A request the platform refused or could not answer: its HTTP status and GraphQL errors, and the first code. */
export class EtikaError extends Error {
  readonly code: string;
  constructor(
    message: string,
    readonly status: number,
    readonly errors: readonly GraphQLErrorEntry[],
  ) {
    super(message);
    this.name = 'EtikaError';
    this.code = errors[0]?.extensions?.code ?? (status === 429 ? 'TOO_MANY_REQUESTS' : status >= 500 ? 'SERVICE_UNAVAILABLE' : 'INTERNAL');
  }
}
