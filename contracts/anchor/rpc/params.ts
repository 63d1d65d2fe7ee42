/** Parsing of the read API's JSON params (go-zenon conventions: z1/zts1 bech32, hex hashes, numbers). */
import type { Address, Hash } from '../../../nom/types.ts'
import { parseAddress } from '../../../nom/address.ts'
import { fromHex } from '../../../nom/hash.ts'
import { MAX_PAGE_SIZE } from '../constants.ts'

export class AnchorRPCParamsError extends Error {
  override readonly name = 'AnchorRPCParamsError'
}

function param(params: unknown[], i: number, what: string): unknown {
  if (params.length <= i || params[i] === undefined || params[i] === null) throw new AnchorRPCParamsError(`missing value for required argument ${i} (${what})`)
  return params[i]
}

/** Unsigned integer from a JSON number or a decimal string. */
export function uintParam(params: unknown[], i: number, what: string): bigint {
  const v = param(params, i, what)
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return BigInt(v)
  if (typeof v === 'string' && /^(0|[1-9][0-9]*)$/.test(v)) return BigInt(v)
  throw new AnchorRPCParamsError(`invalid argument ${i} (${what}): expected an unsigned integer`)
}

export function hashParam(params: unknown[], i: number, what: string): Hash {
  const v = param(params, i, what)
  if (typeof v === 'string') {
    const hex = v.startsWith('0x') ? v.slice(2) : v
    if (/^[0-9a-fA-F]{64}$/.test(hex)) return fromHex(hex)
  }
  throw new AnchorRPCParamsError(`invalid argument ${i} (${what}): expected a 32-byte hex hash`)
}

export function addressParam(params: unknown[], i: number, what: string): Address {
  const v = param(params, i, what)
  if (typeof v !== 'string') throw new AnchorRPCParamsError(`invalid argument ${i} (${what}): expected a z1… address`)
  try {
    return parseAddress(v)
  } catch (e) {
    throw new AnchorRPCParamsError(`invalid argument ${i} (${what}): ${(e as Error).message}`)
  }
}

export function pageParams(params: unknown[], first: number): { pageIndex: bigint; pageSize: bigint } {
  const pageIndex = uintParam(params, first, 'pageIndex')
  const pageSize = uintParam(params, first + 1, 'pageSize')
  if (pageSize === 0n || pageSize > BigInt(MAX_PAGE_SIZE)) throw new AnchorRPCParamsError(`pageSize must be between 1 and ${MAX_PAGE_SIZE}`)
  return { pageIndex, pageSize }
}
