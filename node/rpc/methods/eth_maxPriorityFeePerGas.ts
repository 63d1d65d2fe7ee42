/** eth_maxPriorityFeePerGas: suggested tip for EIP-1559 transactions. */
import type { RPCMethod } from '../context.ts'
import { toQuantity } from '../hex.ts'
import { checkArity } from '../params.ts'

export const eth_maxPriorityFeePerGas: RPCMethod = async (ctx, params) => {
  checkArity(params, 0, 0)
  return toQuantity(await ctx.backend.fees.maxPriorityFeePerGas())
}
