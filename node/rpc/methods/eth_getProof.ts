/**
 * eth_getProof: Merkle proofs of an account and some of its storage slots at a block (default
 * latest). Storage keys are echoed as geth does: a 32-byte key as given, a shorter one as a quantity.
 */
import { bytesToBigInt } from '@ethereumjs/util'
import { InvalidParamsError } from '../../errors.ts'
import type { RPCMethod } from '../context.ts'
import { formatProof } from '../format.ts'
import { toData, toQuantity } from '../hex.ts'
import { argPath, checkArity, parseAddress, parseBlockId, parseStorageSlot } from '../params.ts'
import { stateAtSelector } from '../state.ts'

/** Byte length of a storage key as the client wrote it (odd digit counts round up). */
function keyLength(key: string): number {
  const digits = key.startsWith('0x') || key.startsWith('0X') ? key.length - 2 : key.length
  return Math.ceil(digits / 2)
}

export const eth_getProof: RPCMethod = async (ctx, params) => {
  checkArity(params, 2, 3)
  const address = parseAddress(params[0], argPath(0))
  if (!Array.isArray(params[1])) throw new InvalidParamsError(`${argPath(1)}: array of storage keys expected`)
  const keys = params[1] as unknown[]
  const slots = keys.map((key) => parseStorageSlot(key))
  const state = await stateAtSelector(ctx.backend, parseBlockId(params[2], argPath(2)))
  const proof = await state.getProof(address, slots)
  const out = formatProof(proof)
  out.storageProof = proof.storageProof.map((entry, i) => ({
    ...(out.storageProof as object[])[i],
    key: keyLength(keys[i] as string) === 32 ? toData(entry.key) : toQuantity(bytesToBigInt(entry.key)),
  }))
  return out
}
