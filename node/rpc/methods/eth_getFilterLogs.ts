/** eth_getFilterLogs: all logs matching an installed log filter, queried now over its whole range. */
import { InvalidInputError } from '../../errors.ts'
import type { RPCMethod } from '../context.ts'
import { formatLog } from '../format.ts'
import { parseFilterId } from '../filterParams.ts'
import { queryLogs } from '../logQuery.ts'
import { argPath, checkArity } from '../params.ts'

export const eth_getFilterLogs: RPCMethod = async (ctx, params) => {
  checkArity(params, 1, 1)
  const filter = ctx.filters.get(parseFilterId(params[0], argPath(0)))
  if (filter.kind !== 'logs') throw new InvalidInputError('filter not found')
  return (await queryLogs(ctx.backend.chain, filter.criteria, ctx.options)).map(formatLog)
}
