/** eth_call: runs a call against the state at a block (default latest), with optional state overrides. */
import { requireBlock } from '../blocks.ts'
import type { RPCMethod } from '../context.ts'
import { toData } from '../hex.ts'
import { argPath, checkArity, parseBlockId, parseCallRequest, parseStateOverrides } from '../params.ts'

export const eth_call: RPCMethod = async (ctx, params) => {
  checkArity(params, 1, 3)
  const request = parseCallRequest(params[0], argPath(0))
  const selector = parseBlockId(params[1], argPath(1))
  const overrides = parseStateOverrides(params[2], argPath(2))
  const sealed = await requireBlock(ctx.backend.chain, selector)
  return toData(await ctx.backend.executor.call(request, sealed.block.header, overrides))
}
