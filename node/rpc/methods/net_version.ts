/** net_version: the network id, which is the chain id, as a decimal string. */
import type { RPCMethod } from '../context.ts'
import { checkArity } from '../params.ts'

export const net_version: RPCMethod = async (ctx, params) => {
  checkArity(params, 0, 0)
  return ctx.backend.chainId.toString(10)
}
