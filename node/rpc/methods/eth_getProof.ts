/** eth_getProof: Merkle proofs of an account and some of its storage slots at a block (default latest). */
import type { RPCMethod } from '../context.ts'
import { formatProof } from '../format.ts'
import { argPath, checkArity, parseAddress, parseBlockId, parseStorageSlot } from '../params.ts'
import { stateAtSelector } from '../state.ts'
import { InvalidParamsError } from '../../errors.ts'

export const eth_getProof: RPCMethod = async (ctx, params) => {
  checkArity(params, 2, 3)
  const address = parseAddress(params[0], argPath(0))
  if (!Array.isArray(params[1])) throw new InvalidParamsError(`${argPath(1)}: array of storage keys expected`)
  const slots = params[1].map((key) => parseStorageSlot(key))
  const state = await stateAtSelector(ctx.backend, parseBlockId(params[2], argPath(2)))
  return formatProof(await state.getProof(address, slots))
}
