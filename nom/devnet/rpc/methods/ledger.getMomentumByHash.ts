/** ledger.getMomentumByHash [hash] → Momentum or null. */
import type { RPCMethod } from '../context.ts'
import { hashParam } from '../params.ts'
import { momentumToJSON } from '../../../json.ts'

export const ledger_getMomentumByHash: RPCMethod = async (ctx, params) => {
  const m = await ctx.ledger.chain.momentumByHash(hashParam(params, 0))
  return m === undefined ? null : momentumToJSON(m)
}
