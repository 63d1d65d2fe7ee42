/** embedded.token.getAll [pageIndex, pageSize] → {count, list}. */
import type { RPCMethod } from '../context.ts'
import { uintParam } from '../params.ts'
import { RPCCode, RPCServerError } from '../errors.ts'
import { ErrorText } from '../../errorTexts.ts'
import { RPC_MAX_PAGE_SIZE } from '../../../constants.ts'
import { tokenInfoToJSON } from '../../../json.ts'
import { pageRange } from '../paging.ts'

export const embedded_token_getAll: RPCMethod = async (ctx, params) => {
  const pageIndex = uintParam(params, 0, 32)
  const pageSize = uintParam(params, 1, 32)
  if (pageSize > BigInt(RPC_MAX_PAGE_SIZE)) throw new RPCServerError(RPCCode.server, ErrorText.pageSizeTooBig)
  const all = await ctx.ledger.chain.tokenInfos()
  const [start, end] = pageRange(pageIndex, pageSize, all.length)
  return { count: all.length, list: all.slice(start, end).map(tokenInfoToJSON) }
}
