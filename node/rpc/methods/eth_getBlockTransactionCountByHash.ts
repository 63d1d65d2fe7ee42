/** eth_getBlockTransactionCountByHash: number of txs in a block; null if unknown. */
import { transactionCount } from '../../chain/blockTransactions.ts'
import type { RPCMethod } from '../context.ts'
import { toQuantity } from '../hex.ts'
import { argPath, checkArity, parseHash } from '../params.ts'

export const eth_getBlockTransactionCountByHash: RPCMethod = async (ctx, params) => {
  checkArity(params, 1, 1)
  const sealed = await ctx.backend.chain.getBlockByHash(parseHash(params[0], argPath(0)))
  return sealed === undefined ? null : toQuantity(transactionCount(sealed))
}
