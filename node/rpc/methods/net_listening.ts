/** net_listening: true while the server answers. */
import type { RPCMethod } from '../context.ts'
import { checkArity } from '../params.ts'

export const net_listening: RPCMethod = async (_ctx, params) => {
  checkArity(params, 0, 0)
  return true
}
