/** eth_getBlockTransactionCountByNumber: number of txs in a block; null if unknown. */
import { findBlock } from '../blocks.ts'
import { transactionCount } from '../../chain/blockTransactions.ts'
import type { RPCMethod } from '../context.ts'
import { toQuantity } from '../hex.ts'
import { argPath, checkArity, parseBlockNumberOrTag } from '../params.ts'

export const eth_getBlockTransactionCountByNumber: RPCMethod = async (ctx, params) => {
  checkArity(params, 1, 1)
  const sealed = await findBlock(ctx.backend.chain, parseBlockNumberOrTag(params[0], argPath(0)))
  return sealed === undefined ? null : toQuantity(transactionCount(sealed))
}
