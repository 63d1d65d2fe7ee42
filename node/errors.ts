/**
 * Errors the L2 node throws. Every failure that can reach a client is one of these classes; the
 * JSON-RPC layer maps each class to a wire code in exactly one table (node/rpc/errorCodes.ts), so
 * nothing else in node/ knows JSON-RPC numbers.
 *
 * Messages for transaction rejection are geth's, word for word, because wallets and libraries
 * (viem, ethers) match on them.
 */

export interface NodeErrorOptions {
  cause?: unknown
  /** Extra data for the client (revert data as 0x hex for reverts). */
  data?: unknown
}

export abstract class NodeError extends Error {
  abstract override readonly name: string
  readonly data: unknown
  constructor(message: string, options: NodeErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.data = options.data
  }
}

/** The request's parameters are malformed (wrong type, bad hex, missing field). */
export class InvalidParamsError extends NodeError {
  override readonly name = 'InvalidParamsError'
}

/** A well-formed request asked for something that is not allowed (e.g. a range past the limit). */
export class InvalidInputError extends NodeError {
  override readonly name = 'InvalidInputError'
}

/** The thing asked for does not exist (unknown block for a state query, unknown filter id). */
export class ResourceNotFoundError extends NodeError {
  override readonly name = 'ResourceNotFoundError'
}

/** A transaction was refused by admission (tx pool). The message is geth's. */
export class TransactionRejectedError extends NodeError {
  override readonly name = 'TransactionRejectedError'
}

/** A request exceeded a configured limit (body size, batch size, log range, result count). */
export class LimitExceededError extends NodeError {
  override readonly name = 'LimitExceededError'
}

/** eth_call / eth_estimateGas hit a REVERT; `data` is the revert data as 0x hex. */
export class ExecutionRevertedError extends NodeError {
  override readonly name = 'ExecutionRevertedError'
}

/** Execution failed for another reason (out of gas, invalid opcode, insufficient funds in a call). */
export class ExecutionError extends NodeError {
  override readonly name = 'ExecutionError'
}

/** The method exists in Ethereum but this node does not offer it. */
export class MethodNotSupportedError extends NodeError {
  override readonly name = 'MethodNotSupportedError'
}

/** Configuration or genesis is invalid; the message names the field. Never sent over RPC. */
export class ConfigError extends NodeError {
  override readonly name = 'ConfigError'
}

/** Stored data is missing or inconsistent: a bug or a damaged data dir. */
export class StorageError extends NodeError {
  override readonly name = 'StorageError'
}
