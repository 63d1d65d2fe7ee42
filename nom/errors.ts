/**
 * Errors thrown by the NoM client layer. Every class carries a `name` so logs and `instanceof`
 * checks both work; `cause` keeps the underlying error when one exists.
 */

export class NoMError extends Error {
  override name = 'NoMError'
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
  }
}

/** A `z1…` address text or a 20-byte address that is not valid. */
export class InvalidAddressError extends NoMError {
  override name = 'InvalidAddressError'
}

/** A `zts1…` token standard text or a 10-byte token standard that is not valid. */
export class InvalidTokenStandardError extends NoMError {
  override name = 'InvalidTokenStandardError'
}

/** A go-zenon JSON value that does not have the shape the codec expects. */
export class InvalidJSONError extends NoMError {
  override name = 'InvalidJSONError'
}

/** ABI data that does not decode, or that is not the canonical encoding of its values. */
export class ABIError extends NoMError {
  override name = 'ABIError'
}

/** A key, mnemonic or derivation path that is not usable. */
export class KeyError extends NoMError {
  override name = 'KeyError'
}

/** The node answered with a JSON-RPC error object; `code`, `message` and `data` are the node's. */
export class RPCError extends NoMError {
  override name = 'RPCError'
  readonly code: number
  readonly data: unknown
  constructor(code: number, message: string, data?: unknown) {
    super(message)
    this.code = code
    this.data = data
  }
}

/** The node could not be reached or the connection broke (retried by the client). */
export class TransportError extends NoMError {
  override name = 'TransportError'
}

/** A request or a wait took longer than allowed. */
export class TimeoutError extends NoMError {
  override name = 'TimeoutError'
}
