/** eth_subscribe (WebSocket only): newHeads, logs {address, topics}, newPendingTransactions [full]. */
import { InvalidParamsError, MethodNotSupportedError } from '../../errors.ts'
import type { RPCMethod } from '../context.ts'
import { argPath, checkArity, parseBoolean, parseFilterCriteria } from '../params.ts'

export const eth_subscribe: RPCMethod = async (ctx, params) => {
  if (ctx.subscriptions === undefined) throw new MethodNotSupportedError('notifications not supported')
  checkArity(params, 1, 2)
  const kind = params[0]
  switch (kind) {
    case 'newHeads':
      checkArity(params, 1, 1)
      return ctx.subscriptions.subscribe({ kind: 'newHeads' })
    case 'logs': {
      const criteria = parseFilterCriteria(params[1] ?? {}, argPath(1))
      return ctx.subscriptions.subscribe({ kind: 'logs', criteria: { addresses: criteria.addresses, topics: criteria.topics } })
    }
    case 'newPendingTransactions': {
      const fullTransactions = params[1] === undefined || params[1] === null ? false : parseBoolean(params[1], argPath(1))
      return ctx.subscriptions.subscribe({ kind: 'newPendingTransactions', fullTransactions })
    }
    default:
      throw new InvalidParamsError(`no ${JSON.stringify(kind)} subscription in eth namespace`)
  }
}
