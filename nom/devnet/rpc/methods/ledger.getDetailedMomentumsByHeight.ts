/** ledger.getDetailedMomentumsByHeight [height, count] → {list:[{blocks, momentum}], count}. */
import type { RPCMethod } from '../context.ts'
import { uintParam } from '../params.ts'
import { RPCCode, RPCServerError } from '../errors.ts'
import { ErrorText } from '../../errorTexts.ts'
import { RPC_MAX_PAGE_SIZE } from '../../../constants.ts'
import { momentumToJSON } from '../../../json.ts'
import { momentumsByHeight } from '../momentumList.ts'
import { blocksToJSON } from '../blockList.ts'
import type { AccountBlock } from '../../../types.ts'

export const ledger_getDetailedMomentumsByHeight: RPCMethod = async (ctx, params) => {
  const height = uintParam(params, 0, 64)
  const count = uintParam(params, 1, 64)
  if (count > BigInt(RPC_MAX_PAGE_SIZE)) throw new RPCServerError(RPCCode.server, ErrorText.countTooBig)
  if (height === 0n) throw new RPCServerError(RPCCode.server, ErrorText.heightParamIsZero)
  const { momentums, frontier } = await momentumsByHeight(ctx.ledger, height, count)
  const list: unknown[] = []
  for (const m of momentums) {
    const blocks: AccountBlock[] = []
    for (const h of m.content) blocks.push((await ctx.ledger.chain.block(h.hash))!)
    list.push({ blocks: await blocksToJSON(ctx.ledger, blocks), momentum: momentumToJSON(m) })
  }
  return { list, count: Number(frontier) }
}
