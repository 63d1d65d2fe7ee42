/** eth_chainId: the EIP-155 chain id. */
import type { RPCMethod } from '../context.ts'
import { toQuantity } from '../hex.ts'
import { checkArity } from '../params.ts'

export const eth_chainId: RPCMethod = async (ctx, params) => {
  checkArity(params, 0, 0)
  return toQuantity(ctx.backend.chainId)
}
