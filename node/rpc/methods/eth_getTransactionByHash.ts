/** eth_getTransactionByHash: a mined tx with its placement, a pool tx with null block fields, or null. */
import type { RPCMethod } from '../context.ts'
import { formatTransaction } from '../format.ts'
import { argPath, checkArity, parseHash } from '../params.ts'
import { transactionInBlock } from '../transactions.ts'

export const eth_getTransactionByHash: RPCMethod = async (ctx, params) => {
  checkArity(params, 1, 1)
  const hash = parseHash(params[0], argPath(0))
  const { chain, txpool } = ctx.backend
  const location = await chain.getTransactionLocation(hash)
  if (location !== undefined) {
    const sealed = await chain.getBlockByHash(location.blockHash)
    if (sealed !== undefined) return transactionInBlock(sealed, location.index)
  }
  const pooled = txpool.get(hash)
  return pooled === undefined ? null : formatTransaction(pooled.tx, pooled.sender, null)
}
