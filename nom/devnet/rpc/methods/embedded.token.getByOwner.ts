/** embedded.token.getByOwner [address, pageIndex, pageSize] → {count, list}. */
import type { RPCMethod } from '../context.ts'
import { addressParam, uintParam } from '../params.ts'
import { RPCCode, RPCServerError } from '../errors.ts'
import { ErrorText } from '../../errorTexts.ts'
import { RPC_MAX_PAGE_SIZE } from '../../../constants.ts'
import { tokenInfoToJSON } from '../../../json.ts'
import { bytesEqual } from '../../../hash.ts'
import { pageRange } from '../paging.ts'

export const embedded_token_getByOwner: RPCMethod = async (ctx, params) => {
  const owner = addressParam(params, 0)
  const pageIndex = uintParam(params, 1, 32)
  const pageSize = uintParam(params, 2, 32)
  if (pageSize > BigInt(RPC_MAX_PAGE_SIZE)) throw new RPCServerError(RPCCode.server, ErrorText.pageSizeTooBig)
  const all = (await ctx.ledger.chain.tokenInfos()).filter((t) => bytesEqual(t.owner, owner))
  const [start, end] = pageRange(pageIndex, pageSize, all.length)
  return { count: all.length, list: all.slice(start, end).map(tokenInfoToJSON) }
}
