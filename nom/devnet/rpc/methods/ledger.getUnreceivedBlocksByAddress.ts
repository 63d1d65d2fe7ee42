/**
 * ledger.getUnreceivedBlocksByAddress [address, pageIndex, pageSize] → {list, count, more}: confirmed
 * sends to the address not yet received; go-zenon looks at the first 500 mailbox entries.
 */
import type { RPCMethod } from '../context.ts'
import { addressParam, uintParam } from '../params.ts'
import { RPCCode, RPCServerError } from '../errors.ts'
import { ErrorText } from '../../errorTexts.ts'
import { RPC_MAX_UNRECEIVED_PAGE_INDEX, RPC_MAX_UNRECEIVED_PAGE_SIZE } from '../../../constants.ts'
import { blocksToJSON } from '../blockList.ts'
import { pageRange } from '../paging.ts'
import type { AccountBlock } from '../../../types.ts'

const QUERY_SIZE = RPC_MAX_UNRECEIVED_PAGE_INDEX * RPC_MAX_UNRECEIVED_PAGE_SIZE

export const ledger_getUnreceivedBlocksByAddress: RPCMethod = async (ctx, params) => {
  const address = addressParam(params, 0)
  const pageIndex = uintParam(params, 1, 32)
  const pageSize = uintParam(params, 2, 32)
  if (pageSize > BigInt(RPC_MAX_UNRECEIVED_PAGE_SIZE)) throw new RPCServerError(RPCCode.server, ErrorText.pageSizeTooBig)
  if (pageIndex >= BigInt(RPC_MAX_UNRECEIVED_PAGE_INDEX)) throw new RPCServerError(RPCCode.server, ErrorText.pageIndexTooBig)
  const mailbox = (await ctx.ledger.chain.unreceivedHashes(address)).slice(0, QUERY_SIZE)
  const blocks: AccountBlock[] = []
  for (const h of mailbox) {
    if (ctx.ledger.pending.isReceived(h)) continue
    blocks.push((await ctx.ledger.chain.block(h))!)
  }
  const [start, end] = pageRange(pageIndex, pageSize, blocks.length)
  return { list: await blocksToJSON(ctx.ledger, blocks.slice(start, end)), count: blocks.length, more: mailbox.length === QUERY_SIZE }
}
