/** txpool_status: counts of pending and queued pool transactions. */
import type { RPCMethod } from '../context.ts'
import { toQuantity } from '../hex.ts'
import { checkArity } from '../params.ts'

export const txpool_status: RPCMethod = async (ctx, params) => {
  checkArity(params, 0, 0)
  const { pending, queued } = ctx.backend.txpool.status()
  return { pending: toQuantity(pending), queued: toQuantity(queued) }
}
