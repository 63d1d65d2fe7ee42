/**
 * The deposit watcher's errors. Three kinds of trouble, each handled differently:
 * - NoM unreachable / slow / odd answers: the watcher retries with backoff and keeps its last answer
 *   (no class here: those are nom/errors.ts TransportError, TimeoutError, RPCError, InvalidJSONError);
 * - a scanned momentum is no longer canonical: the watcher rewinds its cursor by itself; a block whose
 *   parent origin is gone gets OriginNotCanonicalError from `next` (the L2 must rewind, the watcher cannot);
 * - NoM data that can never become valid (a record contradicting its send, an index gap): the watcher
 *   halts, and `next` throws DepositWatcherHaltedError from then on.
 * `next` rejects with a DepositWatcherError subclass: the sequencer seals nothing on any of them.
 */

/** Base of the errors `next` rejects with. */
export class DepositWatcherError extends Error {
  override readonly name: string = 'DepositWatcherError'
}

/** Anchor data that contradicts itself or its sends: the watcher halts with this reason. */
export class DepositDataError extends Error {
  override readonly name = 'DepositDataError'
}

/** `next` on a watcher that halted; `reason` is the DepositDataError message that halted it. */
export class DepositWatcherHaltedError extends DepositWatcherError {
  override readonly name: string = 'DepositWatcherHaltedError'
  readonly reason: string
  constructor(reason: string) {
    super(`deposit watcher halted: ${reason}`)
    this.reason = reason
  }
}

/** The parent block's origin momentum is not (or no longer) the canonical momentum at its height. */
export class OriginNotCanonicalError extends DepositWatcherError {
  override readonly name: string = 'OriginNotCanonicalError'
}

/** The chain holds a deposit (lastDepositSourceHash) the watcher does not know although it has scanned past the parent's origin. */
export class UnknownDepositError extends DepositWatcherError {
  override readonly name: string = 'UnknownDepositError'
}

/** The watcher's data dir belongs to another chain, or its contents do not decode. */
export class DepositStoreError extends Error {
  override readonly name = 'DepositStoreError'
}

/** NoM answered a momentum range inconsistently (wrong heights, broken previousHash links inside one answer): retried. */
export class InconsistentNoMAnswerError extends Error {
  override readonly name = 'InconsistentNoMAnswerError'
}

/** The watcher was stopped; create a new one (on the same data dir) to continue. */
export class DepositWatcherStoppedError extends DepositWatcherError {
  override readonly name: string = 'DepositWatcherStoppedError'
}
