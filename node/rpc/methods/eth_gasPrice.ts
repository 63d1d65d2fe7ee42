/** eth_gasPrice: suggested legacy gas price (next base fee + suggested tip). */
import type { RPCMethod } from '../context.ts'
import { toQuantity } from '../hex.ts'
import { checkArity } from '../params.ts'

export const eth_gasPrice: RPCMethod = async (ctx, params) => {
  checkArity(params, 0, 0)
  return toQuantity(await ctx.backend.fees.gasPrice())
}
