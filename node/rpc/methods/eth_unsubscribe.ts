/** eth_unsubscribe (WebSocket only): ends a subscription of this connection; false if unknown. */
import { InvalidParamsError, MethodNotSupportedError } from '../../errors.ts'
import type { RPCMethod } from '../context.ts'
import { argPath, checkArity } from '../params.ts'

export const eth_unsubscribe: RPCMethod = async (ctx, params) => {
  if (ctx.subscriptions === undefined) throw new MethodNotSupportedError('notifications not supported')
  checkArity(params, 1, 1)
  if (typeof params[0] !== 'string') throw new InvalidParamsError(`${argPath(0)}: subscription id expected`)
  return ctx.subscriptions.unsubscribe(params[0])
}
