/** eth_createAccessList: the access list a call touches and the gas it uses with that list. */
import { requireBlock } from '../blocks.ts'
import type { RPCMethod } from '../context.ts'
import type { JSONObject } from '../format.ts'
import { toData, toQuantity } from '../hex.ts'
import { argPath, checkArity, parseBlockId, parseCallRequest } from '../params.ts'

export const eth_createAccessList: RPCMethod = async (ctx, params) => {
  checkArity(params, 1, 2)
  const request = parseCallRequest(params[0], argPath(0))
  const selector = parseBlockId(params[1], argPath(1))
  const sealed = await requireBlock(ctx.backend.chain, selector)
  const result = await ctx.backend.executor.createAccessList(request, sealed.block.header)
  const out: JSONObject = {
    accessList: result.accessList.map((entry) => ({ address: toData(entry.address), storageKeys: entry.storageKeys.map(toData) })),
    gasUsed: toQuantity(result.gasUsed),
  }
  if (result.error !== undefined) out.error = result.error
  return out
}
