import { DEFAULT_SUPPORTED_SUPERGRAPH_FEATURES } from '@apollo/federation-internals';

/** The query planners and executors the gateway can run behind its own security layer. */
export const ENGINE_NAMES = ['apollo', 'rust'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

export interface EngineTraits {
  /**
   * Feature URLs (`https://specs.apollo.dev/inaccessible/v0.2`) the engine enforces itself: a supergraph may link them
   * `for: SECURITY` and the gateway still starts. Any other security feature the gateway does not enforce either
   * keeps it from starting.
   */
  readonly enforces: ReadonlySet<string>;
}

/**
 * @apollo/gateway validates the supergraph against these features and refuses any other `for: SECURITY` one; it
 * enforces `@inaccessible` by building the API schema without what it hides, and that API schema is also the one the
 * gateway's admission validates documents against.
 */
const APOLLO: EngineTraits = { enforces: DEFAULT_SUPPORTED_SUPERGRAPH_FEATURES };

/**
 * Hive's Rust planner plans against the same supergraph behind the same admission: documents are validated against
 * the API schema @apollo/federation-internals builds (which hides what `@inaccessible` hides) before it sees them,
 * and that build refuses the same unknown features.
 */
const RUST: EngineTraits = { enforces: DEFAULT_SUPPORTED_SUPERGRAPH_FEATURES };

export function engineTraits(name: EngineName): EngineTraits {
  switch (name) {
    case 'apollo':
      return APOLLO;
    case 'rust':
      return RUST;
  }
}
