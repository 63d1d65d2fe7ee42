/** eth_getTransactionByBlockHashAndIndex: the tx at an index of a block; null if none. */
import { transactionCount } from '../../chain/blockTransactions.ts'
import type { RPCMethod } from '../context.ts'
import { argPath, checkArity, parseHash, parseUint64 } from '../params.ts'
import { transactionInBlock } from '../transactions.ts'

export const eth_getTransactionByBlockHashAndIndex: RPCMethod = async (ctx, params) => {
  checkArity(params, 2, 2)
  const hash = parseHash(params[0], argPath(0))
  const index = parseUint64(params[1], argPath(1))
  const sealed = await ctx.backend.chain.getBlockByHash(hash)
  return sealed === undefined || index >= BigInt(transactionCount(sealed)) ? null : transactionInBlock(sealed, Number(index))
}
