/** eth_estimateGas: the smallest gas limit with which the call succeeds at a block (default latest). */
import { requireBlock } from '../blocks.ts'
import type { RPCMethod } from '../context.ts'
import { toQuantity } from '../hex.ts'
import { argPath, checkArity, parseBlockId, parseCallRequest, parseStateOverrides } from '../params.ts'

export const eth_estimateGas: RPCMethod = async (ctx, params) => {
  checkArity(params, 1, 3)
  const request = parseCallRequest(params[0], argPath(0))
  const selector = parseBlockId(params[1], argPath(1))
  const overrides = parseStateOverrides(params[2], argPath(2))
  const sealed = await requireBlock(ctx.backend.chain, selector)
  return toQuantity(await ctx.backend.executor.estimateGas(request, sealed.block.header, overrides))
}
