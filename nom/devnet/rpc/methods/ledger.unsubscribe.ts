/** ledger.unsubscribe [id] → true (WebSocket only). */
import type { RPCMethod } from '../context.ts'
import { RPCCode, RPCServerError } from '../errors.ts'

export const ledger_unsubscribe: RPCMethod = async (ctx, params) => {
  if (ctx.subscriptions === undefined || ctx.connection === undefined) throw new RPCServerError(RPCCode.methodNotFound, 'notifications not supported')
  return ctx.subscriptions.unsubscribe(ctx.connection, params[0])
}
