/** web3_sha3: Keccak-256 of the given data. */
import { keccak_256 } from '@noble/hashes/sha3.js'
import type { RPCMethod } from '../context.ts'
import { toData } from '../hex.ts'
import { argPath, checkArity, parseData } from '../params.ts'

export const web3_sha3: RPCMethod = async (_ctx, params) => {
  checkArity(params, 1, 1)
  return toData(keccak_256(parseData(params[0], argPath(0))))
}
