/** Errors of the batcher and proposer. */

/**
 * The anchor holds batch data that this node's chain does not match (a channel cut from other
 * blocks): the batcher halts rather than post blocks a verifier would never derive.
 */
export class BatcherConflictError extends Error {
  override readonly name = 'BatcherConflictError'
}

/** A configuration the batcher cannot run with (no batcher key, proposer not the chain's, …). */
export class BatcherConfigError extends Error {
  override readonly name = 'BatcherConfigError'
}

/** The batcher stopped (or was not running) before what was asked of it (a drain) was done. */
export class BatcherStoppedError extends Error {
  override readonly name = 'BatcherStoppedError'
}
