/** eth_getFilterChanges: what a filter collected since its last poll (logs, or block / tx hashes). */
import type { RPCMethod } from '../context.ts'
import { formatLog } from '../format.ts'
import { parseFilterId } from '../filterParams.ts'
import { toData } from '../hex.ts'
import { argPath, checkArity } from '../params.ts'

export const eth_getFilterChanges: RPCMethod = async (ctx, params) => {
  checkArity(params, 1, 1)
  const id = parseFilterId(params[0], argPath(0))
  const kind = ctx.filters.get(id).kind
  const changes = ctx.filters.takeChanges(id)
  if (kind === 'logs') return (changes as Parameters<typeof formatLog>[0][]).map(formatLog)
  return (changes as Uint8Array[]).map(toData)
}
