/** eth_getStorageAt: one 32-byte storage slot of an account at a block (default latest). */
import type { RPCMethod } from '../context.ts'
import { toData } from '../hex.ts'
import { argPath, checkArity, parseAddress, parseBlockId, parseStorageSlot } from '../params.ts'
import { stateAtSelector } from '../state.ts'

export const eth_getStorageAt: RPCMethod = async (ctx, params) => {
  checkArity(params, 2, 3)
  const address = parseAddress(params[0], argPath(0))
  const slot = parseStorageSlot(params[1])
  const state = await stateAtSelector(ctx.backend, parseBlockId(params[2], argPath(2)))
  return toData(await state.getStorage(address, slot))
}
