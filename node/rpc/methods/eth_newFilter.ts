/** eth_newFilter: installs a log filter polled with eth_getFilterChanges; returns its id. */
import type { RPCMethod } from '../context.ts'
import { argPath, checkArity, parseFilterCriteria } from '../params.ts'

export const eth_newFilter: RPCMethod = async (ctx, params) => {
  checkArity(params, 1, 1)
  return ctx.filters.install({ kind: 'logs', criteria: parseFilterCriteria(params[0], argPath(0)) })
}
