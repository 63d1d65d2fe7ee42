/** eth_getUncleCountByBlockNumber: L2 blocks have no uncles: 0, or null for an unknown block. */
import { findBlock } from '../blocks.ts'
import type { RPCMethod } from '../context.ts'
import { toQuantity } from '../hex.ts'
import { argPath, checkArity, parseBlockNumberOrTag } from '../params.ts'

export const eth_getUncleCountByBlockNumber: RPCMethod = async (ctx, params) => {
  checkArity(params, 1, 1)
  const sealed = await findBlock(ctx.backend.chain, parseBlockNumberOrTag(params[0], argPath(0)))
  return sealed === undefined ? null : toQuantity(sealed.block.uncleHeaders.length)
}
