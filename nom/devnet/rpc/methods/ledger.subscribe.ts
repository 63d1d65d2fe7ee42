/** ledger.subscribe [topic, address?] → "0x…" subscription id (WebSocket only). */
import type { RPCMethod } from '../context.ts'
import { RPCCode, RPCServerError } from '../errors.ts'
import { parseTopic } from '../subscriptions.ts'

export const ledger_subscribe: RPCMethod = async (ctx, params) => {
  if (ctx.subscriptions === undefined || ctx.connection === undefined || ctx.deliver === undefined) {
    throw new RPCServerError(RPCCode.methodNotFound, 'notifications not supported')
  }
  return ctx.subscriptions.subscribe(ctx.connection, ctx.deliver, parseTopic(params))
}
