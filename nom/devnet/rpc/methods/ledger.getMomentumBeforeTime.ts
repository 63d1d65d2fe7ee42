/**
 * ledger.getMomentumBeforeTime [unixSeconds] → the latest momentum with timestamp strictly before
 * it (the frontier if it is later), null if it is at or before genesis.
 */
import type { RPCMethod } from '../context.ts'
import { intParam } from '../params.ts'
import { momentumToJSON } from '../../../json.ts'

export const ledger_getMomentumBeforeTime: RPCMethod = async (ctx, params) => {
  const t = intParam(params, 0)
  const chain = ctx.ledger.chain
  const frontier = await chain.frontierMomentum()
  if (frontier.timestamp < t) return momentumToJSON(frontier)
  let lo = 1n
  let hi = frontier.height
  let best: bigint | undefined
  while (lo <= hi) {
    const mid = (lo + hi) / 2n
    const m = (await chain.momentumByHeight(mid))!
    if (m.timestamp < t) {
      best = mid
      lo = mid + 1n
    } else {
      hi = mid - 1n
    }
  }
  return best === undefined ? null : momentumToJSON((await chain.momentumByHeight(best))!)
}
