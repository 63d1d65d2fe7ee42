/** eth_accounts: the addresses the node offers (dev: the funded accounts; otherwise none). */
import type { RPCMethod } from '../context.ts'
import { toData } from '../hex.ts'
import { checkArity } from '../params.ts'

export const eth_accounts: RPCMethod = async (ctx, params) => {
  checkArity(params, 0, 0)
  return ctx.backend.accounts.map(toData)
}
