/** ledger.getFrontierAccountBlock [address] → AccountBlock (unconfirmed included) or null. */
import type { RPCMethod } from '../context.ts'
import { addressParam } from '../params.ts'
import { blockWithExtras } from '../format.ts'
import { accountBlockToJSON } from '../../../json.ts'

export const ledger_getFrontierAccountBlock: RPCMethod = async (ctx, params) => {
  const block = await ctx.ledger.frontierBlock(addressParam(params, 0))
  if (block === undefined) return null
  const b = await blockWithExtras(ctx.ledger, block)
  return accountBlockToJSON(b, b)
}
