/** eth_getLogs: logs matching a filter over a block range or one block hash, within the server's limits. */
import type { RPCMethod } from '../context.ts'
import { formatLog } from '../format.ts'
import { queryLogs } from '../logQuery.ts'
import { argPath, checkArity, parseFilterCriteria } from '../params.ts'

export const eth_getLogs: RPCMethod = async (ctx, params) => {
  checkArity(params, 1, 1)
  const criteria = parseFilterCriteria(params[0], argPath(0))
  return (await queryLogs(ctx.backend.chain, criteria, ctx.options)).map(formatLog)
}
