/** ledger.getUnconfirmedBlocksByAddress [address, pageIndex, pageSize] → {list, count, more:false}. */
import type { RPCMethod } from '../context.ts'
import { addressParam, uintParam } from '../params.ts'
import { RPCCode, RPCServerError } from '../errors.ts'
import { ErrorText } from '../../errorTexts.ts'
import { RPC_MAX_PAGE_SIZE } from '../../../constants.ts'
import { blocksToJSON } from '../blockList.ts'
import { pageRange } from '../paging.ts'

export const ledger_getUnconfirmedBlocksByAddress: RPCMethod = async (ctx, params) => {
  const address = addressParam(params, 0)
  const pageIndex = uintParam(params, 1, 32)
  const pageSize = uintParam(params, 2, 32)
  if (pageSize > BigInt(RPC_MAX_PAGE_SIZE)) throw new RPCServerError(RPCCode.server, ErrorText.pageSizeTooBig)
  const all = ctx.ledger.pending.ofAccount(address).map((p) => p.block)
  const [start, end] = pageRange(pageIndex, pageSize, all.length)
  return { list: await blocksToJSON(ctx.ledger, all.slice(start, end)), count: all.length, more: false }
}
