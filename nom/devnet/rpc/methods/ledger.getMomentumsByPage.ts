/** ledger.getMomentumsByPage [pageIndex, pageSize] → {list newest first, count: frontier height}. */
import type { RPCMethod } from '../context.ts'
import { uintParam } from '../params.ts'
import { RPCCode, RPCServerError } from '../errors.ts'
import { ErrorText } from '../../errorTexts.ts'
import { RPC_MAX_PAGE_SIZE } from '../../../constants.ts'
import { momentumToJSON } from '../../../json.ts'
import { momentumsByHeight } from '../momentumList.ts'

export const ledger_getMomentumsByPage: RPCMethod = async (ctx, params) => {
  const pageIndex = uintParam(params, 0, 32)
  const pageSize = uintParam(params, 1, 32)
  if (pageSize > BigInt(RPC_MAX_PAGE_SIZE)) throw new RPCServerError(RPCCode.server, ErrorText.pageSizeTooBig)
  const frontier = await ctx.ledger.chain.frontierHeight()
  let start = frontier - (pageIndex + 1n) * pageSize + 1n
  let count = pageSize
  if (start < 1n) {
    count -= 1n - start
    start = 1n
  }
  if (count < 1n) return { list: [], count: Number(frontier) }
  const { momentums } = await momentumsByHeight(ctx.ledger, start, count)
  return { list: momentums.reverse().map(momentumToJSON), count: Number(frontier) }
}
