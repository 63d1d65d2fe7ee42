/** eth_getBlockByNumber: a block by number or tag, with tx hashes or full txs; null if unknown. */
import { findBlock } from '../blocks.ts'
import type { RPCMethod } from '../context.ts'
import { formatBlock } from '../format.ts'
import { argPath, checkArity, parseBlockNumberOrTag, parseBoolean } from '../params.ts'

export const eth_getBlockByNumber: RPCMethod = async (ctx, params) => {
  checkArity(params, 2, 2)
  const selector = parseBlockNumberOrTag(params[0], argPath(0))
  const full = parseBoolean(params[1], argPath(1))
  const sealed = await findBlock(ctx.backend.chain, selector)
  return sealed === undefined ? null : formatBlock(sealed, full)
}
