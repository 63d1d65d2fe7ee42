/** eth_getBlockReceipts: all receipts of a block in tx order; null for an unknown block. */
import { findBlock } from '../blocks.ts'
import type { RPCMethod } from '../context.ts'
import { formatReceipt } from '../format.ts'
import { argPath, checkArity, parseBlockId } from '../params.ts'

export const eth_getBlockReceipts: RPCMethod = async (ctx, params) => {
  checkArity(params, 1, 1)
  const sealed = await findBlock(ctx.backend.chain, parseBlockId(params[0], argPath(0)))
  if (sealed === undefined) return null
  const receipts = await ctx.backend.chain.getReceipts(sealed.hash)
  return receipts === undefined ? null : receipts.map(formatReceipt)
}
