/** eth_getCode: an account's code at a block (default latest). */
import type { RPCMethod } from '../context.ts'
import { toData } from '../hex.ts'
import { argPath, checkArity, parseAddress, parseBlockId } from '../params.ts'
import { stateAtSelector } from '../state.ts'

export const eth_getCode: RPCMethod = async (ctx, params) => {
  checkArity(params, 1, 2)
  const address = parseAddress(params[0], argPath(0))
  const state = await stateAtSelector(ctx.backend, parseBlockId(params[1], argPath(1)))
  return toData(await state.getCode(address))
}
