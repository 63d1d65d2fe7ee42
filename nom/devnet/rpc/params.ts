/** Decoding of JSON-RPC params the way go-zenon's JSON unmarshalling accepts them. */
import type { Address, Hash, TokenStandard } from '../../types.ts'
import { parseAddress } from '../../address.ts'
import { parseTokenStandard } from '../../tokenStandard.ts'
import { fromHex } from '../../hash.ts'
import { invalidArgument } from './errors.ts'

export function addressParam(params: unknown[], index: number): Address {
  const v = params[index]
  if (typeof v !== 'string') throw invalidArgument(index, 'expected an address string')
  try {
    return parseAddress(v)
  } catch (e) {
    throw invalidArgument(index, (e as Error).message)
  }
}

export function tokenStandardParam(params: unknown[], index: number): TokenStandard {
  const v = params[index]
  if (typeof v !== 'string') throw invalidArgument(index, 'expected a token standard string')
  try {
    return parseTokenStandard(v)
  } catch (e) {
    throw invalidArgument(index, (e as Error).message)
  }
}

export function hashParam(params: unknown[], index: number): Hash {
  const v = params[index]
  if (typeof v !== 'string' || !/^[0-9a-fA-F]{64}$/.test(v)) throw invalidArgument(index, 'expected a 64-character hex hash')
  return fromHex(v)
}

/** A non-negative integer (uint32/uint64 in go-zenon's signatures). */
export function uintParam(params: unknown[], index: number, bits: 32 | 64): bigint {
  const v = params[index]
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw invalidArgument(index, `expected a uint${bits}`)
  const x = BigInt(v)
  if (x >= 1n << BigInt(bits)) throw invalidArgument(index, `expected a uint${bits}`)
  return x
}

export function intParam(params: unknown[], index: number): bigint {
  const v = params[index]
  if (typeof v !== 'number' || !Number.isInteger(v)) throw invalidArgument(index, 'expected an int64')
  return BigInt(v)
}
