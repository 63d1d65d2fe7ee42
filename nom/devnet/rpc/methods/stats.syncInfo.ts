/** stats.syncInfo [] → {state: 2 (SyncDone), currentHeight, targetHeight}: a devnet is always in sync. */
import type { RPCMethod } from '../context.ts'

export const stats_syncInfo: RPCMethod = async (ctx) => {
  const h = Number(await ctx.ledger.chain.frontierHeight())
  return { state: 2, currentHeight: h, targetHeight: h }
}
