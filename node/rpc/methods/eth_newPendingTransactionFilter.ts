/** eth_newPendingTransactionFilter: installs a filter that collects hashes of txs entering the pool. */
import type { RPCMethod } from '../context.ts'
import { checkArity } from '../params.ts'

export const eth_newPendingTransactionFilter: RPCMethod = async (ctx, params) => {
  checkArity(params, 0, 0)
  return ctx.filters.install({ kind: 'pendingTransactions' })
}
