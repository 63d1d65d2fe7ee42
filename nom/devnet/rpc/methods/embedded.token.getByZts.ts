/** embedded.token.getByZts [zts] → token info or null. */
import type { RPCMethod } from '../context.ts'
import { tokenStandardParam } from '../params.ts'
import { tokenInfoToJSON } from '../../../json.ts'

export const embedded_token_getByZts: RPCMethod = async (ctx, params) => {
  const t = await ctx.ledger.chain.tokenInfo(tokenStandardParam(params, 0))
  return t === undefined ? null : tokenInfoToJSON(t)
}
