/** net_peerCount: the sequencer has no p2p peers. */
import type { RPCMethod } from '../context.ts'
import { toQuantity } from '../hex.ts'
import { checkArity } from '../params.ts'

export const net_peerCount: RPCMethod = async (_ctx, params) => {
  checkArity(params, 0, 0)
  return toQuantity(0)
}
