/** eth_uninstallFilter: removes a filter; false when there was none with that id. */
import type { RPCMethod } from '../context.ts'
import { parseFilterId } from '../filterParams.ts'
import { argPath, checkArity } from '../params.ts'

export const eth_uninstallFilter: RPCMethod = async (ctx, params) => {
  checkArity(params, 1, 1)
  return ctx.filters.uninstall(parseFilterId(params[0], argPath(0)))
}
