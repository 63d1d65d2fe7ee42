/** ledger.getAccountBlocksByPage [address, pageIndex, pageSize] → {list newest first, count: account height, more:false}. */
import type { RPCMethod } from '../context.ts'
import { addressParam, uintParam } from '../params.ts'
import { RPCCode, RPCServerError } from '../errors.ts'
import { ErrorText } from '../../errorTexts.ts'
import { RPC_MAX_PAGE_SIZE } from '../../../constants.ts'
import { accountBlocksByHeight, blocksToJSON } from '../blockList.ts'

export const ledger_getAccountBlocksByPage: RPCMethod = async (ctx, params) => {
  const address = addressParam(params, 0)
  const pageIndex = uintParam(params, 1, 32)
  const pageSize = uintParam(params, 2, 32)
  if (pageSize > BigInt(RPC_MAX_PAGE_SIZE)) throw new RPCServerError(RPCCode.server, ErrorText.pageSizeTooBig)
  const frontier = (await ctx.ledger.frontierBlock(address))?.height ?? 0n
  if (frontier === 0n) return { list: [], count: 0, more: false }
  let start = frontier - (pageIndex + 1n) * pageSize + 1n
  let count = pageSize
  if (start < 1n) {
    count -= 1n - start
    start = 1n
  }
  if (count < 1n) return { list: [], count: Number(frontier), more: false }
  const { blocks } = await accountBlocksByHeight(ctx.ledger, address, start, count)
  return { list: await blocksToJSON(ctx.ledger, blocks.reverse()), count: Number(frontier), more: false }
}
