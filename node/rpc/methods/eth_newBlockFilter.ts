/** eth_newBlockFilter: installs a filter that collects the hashes of new blocks; returns its id. */
import type { RPCMethod } from '../context.ts'
import { checkArity } from '../params.ts'

export const eth_newBlockFilter: RPCMethod = async (ctx, params) => {
  checkArity(params, 0, 0)
  return ctx.filters.install({ kind: 'blocks' })
}
