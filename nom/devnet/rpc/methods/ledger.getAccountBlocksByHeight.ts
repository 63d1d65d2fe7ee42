/** ledger.getAccountBlocksByHeight [address, height, count] → {list ascending, count: account height, more:false}. */
import type { RPCMethod } from '../context.ts'
import { addressParam, uintParam } from '../params.ts'
import { RPCCode, RPCServerError } from '../errors.ts'
import { ErrorText } from '../../errorTexts.ts'
import { RPC_MAX_PAGE_SIZE } from '../../../constants.ts'
import { accountBlocksByHeight, blocksToJSON } from '../blockList.ts'

export const ledger_getAccountBlocksByHeight: RPCMethod = async (ctx, params) => {
  const address = addressParam(params, 0)
  const height = uintParam(params, 1, 64)
  const count = uintParam(params, 2, 64)
  if (height === 0n) throw new RPCServerError(RPCCode.server, ErrorText.heightParamIsZero)
  if (count > BigInt(RPC_MAX_PAGE_SIZE)) throw new RPCServerError(RPCCode.server, ErrorText.countTooBig)
  const { blocks, frontier } = await accountBlocksByHeight(ctx.ledger, address, height, count)
  return { list: await blocksToJSON(ctx.ledger, blocks), count: Number(frontier), more: false }
}
