// Per-row state machines that say which tokens may come next: how key lock and well-formed levels are enforced.

/**
 * One row's constraint. The decoder asks for the allowed set before every sampled token and reports the token chosen.
 * A constraint may also end the row (a finished bar count, a complete level) before the token budget runs out.
 */
export interface TokenConstraint {
  /**
   * Fills `mask` (one byte per vocabulary entry: 1 allowed, 0 forbidden) and returns true, or returns false to allow
   * every token without touching the mask (the fast path).
   */
  writeAllowed(mask: Uint8Array): boolean;
  /**
   * Optional soft steering: adds to the row's logits before sampling (a copy of the row's logits, `vocabSize` long, in
   * place). Called after `writeAllowed`; masked tokens stay masked whatever is added.
   */
  adjustLogits?(logits: Float32Array): void;
  /** Advances the state machine with the token that was chosen. */
  accept(token: number): void;
  /** True once the row is complete; the decoder stops it. */
  isComplete(): boolean;
}

/** Creates the constraint of one batch row, given the prompt tokens it starts after. */
export type ConstraintFactory = (row: number, prompt: readonly number[]) => TokenConstraint;

/** The constraint that allows everything: plain sampling. */
export const unconstrained: ConstraintFactory = () => ({
  writeAllowed: () => false,
  accept: () => undefined,
  isComplete: () => false,
});
