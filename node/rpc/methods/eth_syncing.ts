/** eth_syncing: the sequencer produces its own chain, so it is never syncing. */
import type { RPCMethod } from '../context.ts'
import { checkArity } from '../params.ts'

export const eth_syncing: RPCMethod = async (_ctx, params) => {
  checkArity(params, 0, 0)
  return false
}
