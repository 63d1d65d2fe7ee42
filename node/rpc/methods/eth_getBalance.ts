/** eth_getBalance: an account's balance at a block (default latest). */
import type { RPCMethod } from '../context.ts'
import { toQuantity } from '../hex.ts'
import { argPath, checkArity, parseAddress, parseBlockId } from '../params.ts'
import { stateAtSelector } from '../state.ts'

export const eth_getBalance: RPCMethod = async (ctx, params) => {
  checkArity(params, 1, 2)
  const address = parseAddress(params[0], argPath(0))
  const state = await stateAtSelector(ctx.backend, parseBlockId(params[1], argPath(1)))
  const account = await state.getAccount(address)
  return toQuantity(account?.balance ?? 0n)
}
