/** eth_getTransactionByBlockNumberAndIndex: the tx at an index of a block; null if none. */
import { findBlock } from '../blocks.ts'
import { transactionCount } from '../../chain/blockTransactions.ts'
import type { RPCMethod } from '../context.ts'
import { argPath, checkArity, parseBlockNumberOrTag, parseUint64 } from '../params.ts'
import { transactionInBlock } from '../transactions.ts'

export const eth_getTransactionByBlockNumberAndIndex: RPCMethod = async (ctx, params) => {
  checkArity(params, 2, 2)
  const selector = parseBlockNumberOrTag(params[0], argPath(0))
  const index = parseUint64(params[1], argPath(1))
  const sealed = await findBlock(ctx.backend.chain, selector)
  return sealed === undefined || index >= BigInt(transactionCount(sealed)) ? null : transactionInBlock(sealed, Number(index))
}
