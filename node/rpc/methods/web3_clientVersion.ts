/** web3_clientVersion: the node's name/version/platform string. */
import type { RPCMethod } from '../context.ts'
import { checkArity } from '../params.ts'

export const web3_clientVersion: RPCMethod = async (ctx, params) => {
  checkArity(params, 0, 0)
  return ctx.backend.clientVersion
}
