/** eth_sendRawTransaction: admits a signed EIP-2718 tx to the pool and returns its hash. */
import type { RPCMethod } from '../context.ts'
import { toData } from '../hex.ts'
import { argPath, checkArity, parseData } from '../params.ts'

export const eth_sendRawTransaction: RPCMethod = async (ctx, params) => {
  checkArity(params, 1, 1)
  return toData(await ctx.backend.txpool.add(parseData(params[0], argPath(0))))
}
