/** JSON-RPC errors of the devnet server, and the one place that maps thrown errors to codes. */
import { NoMError } from '../../errors.ts'
import { LedgerError } from '../errors.ts'

/** go-zenon (go-ethereum rpc) codes. */
export const RPCCode = {
  parseError: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  /** Every API-level error, verifier texts included. */
  server: -32000,
} as const

/** An error that already knows its JSON-RPC code. */
export class RPCServerError extends NoMError {
  override name = 'RPCServerError'
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message)
  }
}

/** A parameter that does not decode: go-ethereum's "invalid argument N: …". */
export function invalidArgument(index: number, why: string): RPCServerError {
  return new RPCServerError(RPCCode.invalidParams, `invalid argument ${index}: ${why}`)
}

export function toRPCError(e: unknown): { code: number; message: string } {
  if (e instanceof RPCServerError) return { code: e.code, message: e.message }
  if (e instanceof LedgerError) return { code: RPCCode.server, message: e.message }
  return { code: RPCCode.server, message: e instanceof Error ? e.message : String(e) }
}
