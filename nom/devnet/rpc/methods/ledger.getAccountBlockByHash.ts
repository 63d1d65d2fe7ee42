/** ledger.getAccountBlockByHash [hash] → confirmed AccountBlock or null (go-zenon reads the momentum store). */
import type { RPCMethod } from '../context.ts'
import { hashParam } from '../params.ts'
import { blockWithExtras } from '../format.ts'
import { accountBlockToJSON } from '../../../json.ts'

export const ledger_getAccountBlockByHash: RPCMethod = async (ctx, params) => {
  const block = await ctx.ledger.chain.block(hashParam(params, 0))
  if (block === undefined) return null
  const b = await blockWithExtras(ctx.ledger, block)
  return accountBlockToJSON(b, b)
}
