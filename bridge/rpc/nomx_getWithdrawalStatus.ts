/** nomx_getWithdrawalStatus(l2TxHash): where each withdrawal of the transaction stands, and what to do next (bridge/rpc/README.md). */
import type { RPCMethod } from '../../node/rpc/context.ts'
import { argPath, checkArity, parseHash } from '../../node/rpc/params.ts'
import { withdrawalStatus } from '../withdrawals/withdrawalStatus.ts'
import { readingNoM, withdrawalContext, type BridgeRPCDeps } from './deps.ts'
import { transactionStatusToJSON } from './format.ts'

export function nomx_getWithdrawalStatus(deps: BridgeRPCDeps): RPCMethod {
  return async (ctx, params) => {
    checkArity(params, 1, 1)
    const txHash = parseHash(params[0], argPath(0))
    return transactionStatusToJSON(await readingNoM(() => withdrawalStatus(withdrawalContext(deps, ctx.backend), txHash)))
  }
}
