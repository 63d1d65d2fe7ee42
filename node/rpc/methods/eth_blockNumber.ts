/** eth_blockNumber: the number of the newest sealed block. */
import type { RPCMethod } from '../context.ts'
import { toQuantity } from '../hex.ts'
import { checkArity } from '../params.ts'

export const eth_blockNumber: RPCMethod = async (ctx, params) => {
  checkArity(params, 0, 0)
  return toQuantity(ctx.backend.chain.head().block.header.number)
}
