/** eth_getTransactionCount: an account's nonce at a block; `pending` counts the pool's pending txs. */
import type { RPCMethod } from '../context.ts'
import { toQuantity } from '../hex.ts'
import { argPath, checkArity, parseAddress, parseBlockId } from '../params.ts'
import { stateAtSelector } from '../state.ts'

export const eth_getTransactionCount: RPCMethod = async (ctx, params) => {
  checkArity(params, 1, 2)
  const address = parseAddress(params[0], argPath(0))
  const selector = parseBlockId(params[1], argPath(1))
  if (selector.kind === 'tag' && selector.tag === 'pending') return toQuantity(await ctx.backend.txpool.pendingNonce(address))
  const state = await stateAtSelector(ctx.backend, selector)
  const account = await state.getAccount(address)
  return toQuantity(account?.nonce ?? 0n)
}
