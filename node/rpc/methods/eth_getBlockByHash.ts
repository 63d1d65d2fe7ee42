/** eth_getBlockByHash: a block by hash, with tx hashes or full txs; null if unknown. */
import type { RPCMethod } from '../context.ts'
import { formatBlock } from '../format.ts'
import { argPath, checkArity, parseBoolean, parseHash } from '../params.ts'

export const eth_getBlockByHash: RPCMethod = async (ctx, params) => {
  checkArity(params, 2, 2)
  const hash = parseHash(params[0], argPath(0))
  const full = parseBoolean(params[1], argPath(1))
  const sealed = await ctx.backend.chain.getBlockByHash(hash)
  return sealed === undefined ? null : formatBlock(sealed, full)
}
