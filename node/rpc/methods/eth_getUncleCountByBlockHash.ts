/** eth_getUncleCountByBlockHash: L2 blocks have no uncles: 0, or null for an unknown block. */
import type { RPCMethod } from '../context.ts'
import { toQuantity } from '../hex.ts'
import { argPath, checkArity, parseHash } from '../params.ts'

export const eth_getUncleCountByBlockHash: RPCMethod = async (ctx, params) => {
  checkArity(params, 1, 1)
  const sealed = await ctx.backend.chain.getBlockByHash(parseHash(params[0], argPath(0)))
  return sealed === undefined ? null : toQuantity(sealed.block.uncleHeaders.length)
}
