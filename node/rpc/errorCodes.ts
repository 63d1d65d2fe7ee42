/**
 * The one table from node errors (node/errors.ts) to JSON-RPC error objects (EIP-1474 codes).
 * Anything that is not a NodeError is an internal fault: the client gets -32603 without details and
 * the caller is told to log it.
 */
import {
  ExecutionError,
  ExecutionRevertedError,
  InvalidInputError,
  InvalidParamsError,
  LimitExceededError,
  MethodNotSupportedError,
  ResourceNotFoundError,
  TransactionRejectedError,
} from '../errors.ts'
import { revertMessage } from './revertReason.ts'

export interface RPCErrorObject {
  code: number
  message: string
  data?: unknown
}

export const RPCErrorCode = {
  parseError: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  internalError: -32603,
  invalidInput: -32000,
  resourceNotFound: -32001,
  transactionRejected: -32003,
  methodNotSupported: -32004,
  limitExceeded: -32005,
  executionReverted: 3,
} as const

/** Errors that map by class alone: class → code. The message is the error's own. */
const codeByClass: [abstract new (...args: never[]) => Error, number][] = [
  [InvalidParamsError, RPCErrorCode.invalidParams],
  [InvalidInputError, RPCErrorCode.invalidInput],
  [ResourceNotFoundError, RPCErrorCode.resourceNotFound],
  [TransactionRejectedError, RPCErrorCode.transactionRejected],
  [MethodNotSupportedError, RPCErrorCode.methodNotSupported],
  [LimitExceededError, RPCErrorCode.limitExceeded],
  [ExecutionError, RPCErrorCode.invalidInput],
]

export interface MappedError {
  error: RPCErrorObject
  /** True when the error is a fault of ours: log it, the client sees only "internal error". */
  internal: boolean
}

export function toRPCError(error: unknown): MappedError {
  if (error instanceof ExecutionRevertedError) {
    const data = revertDataHex(error.data)
    return { error: { code: RPCErrorCode.executionReverted, message: revertMessage(data), data }, internal: false }
  }
  for (const [errorClass, code] of codeByClass) {
    if (error instanceof errorClass) {
      const mapped: RPCErrorObject = { code, message: error.message }
      const data = (error as { data?: unknown }).data
      if (data !== undefined) mapped.data = data
      return { error: mapped, internal: false }
    }
  }
  return { error: { code: RPCErrorCode.internalError, message: 'internal error' }, internal: true }
}

function revertDataHex(data: unknown): string {
  if (typeof data === 'string' && /^0x([0-9a-fA-F]{2})*$/.test(data)) return data.toLowerCase()
  if (data instanceof Uint8Array) return `0x${Buffer.from(data).toString('hex')}`
  return '0x'
}
