/**
 * nomx_getWithdrawalProof(l2TxHash[, index]): the ProveWithdrawal arguments for withdrawal `index`
 * (default 0) of the transaction, checked against the anchor's verifier (bridge/rpc/README.md).
 */
import type { RPCMethod } from '../../node/rpc/context.ts'
import { argPath, checkArity, parseHash, parseQuantity } from '../../node/rpc/params.ts'
import { proveArguments } from '../withdrawals/proveArguments.ts'
import { readingNoM, withdrawalContext, type BridgeRPCDeps } from './deps.ts'
import { withdrawalProofToJSON } from './format.ts'

export function nomx_getWithdrawalProof(deps: BridgeRPCDeps): RPCMethod {
  return async (ctx, params) => {
    checkArity(params, 1, 2)
    const txHash = parseHash(params[0], argPath(0))
    const index = params[1] === undefined || params[1] === null ? 0 : Number(parseQuantity(params[1], argPath(1), 16))
    return withdrawalProofToJSON(await readingNoM(() => proveArguments(withdrawalContext(deps, ctx.backend), txHash, index)))
  }
}
