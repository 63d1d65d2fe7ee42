/**
 * The bridge's JSON-RPC methods, served by the L2 node next to its own (createNode's `rpcMethods`):
 * nomx_getWithdrawalStatus, nomx_getWithdrawalProof, nomx_syncStatus. They read the L2 through the
 * node backend each request gets and the anchor through `client`. Shapes: bridge/rpc/README.md.
 */
import type { RPCMethod } from '../../node/rpc/context.ts'
import { createAnchorReader, type AnchorClient } from '../withdrawals/anchorReader.ts'
import type { BridgeRPCDeps } from './deps.ts'
import { nomx_getWithdrawalProof } from './nomx_getWithdrawalProof.ts'
import { nomx_getWithdrawalStatus } from './nomx_getWithdrawalStatus.ts'
import { nomx_syncStatus } from './nomx_syncStatus.ts'

export interface BridgeRPCOptions {
  /** NoM client (HTTP or WS) of the node holding the anchor. */
  client: AnchorClient
  /** The chain's id on the anchor (= the L2 chain id). */
  chainId: bigint
  /** L2 blocks between commitments (the proposer's commitInterval). */
  commitIntervalBlocks: bigint
  /** L2 block time in ms (0 = automine: no ETA from block time). Default 0. */
  blockTimeMs?: number
  /** NoM momentum interval in ms; default: measured from recent momentum timestamps. */
  momentumIntervalMs?: number
  /** Momentums from a block's existence to its commitment on the anchor (ETA). Default 4. */
  commitLatencyMomentums?: bigint
}

export function createBridgeRPCMethods(options: BridgeRPCOptions): Map<string, RPCMethod> {
  if (options.commitIntervalBlocks <= 0n) throw new RangeError('commitIntervalBlocks must be positive')
  const cadence: BridgeRPCDeps['cadence'] = { commitIntervalBlocks: options.commitIntervalBlocks }
  if (options.blockTimeMs !== undefined) cadence.blockTimeMs = options.blockTimeMs
  if (options.momentumIntervalMs !== undefined) cadence.momentumIntervalMs = options.momentumIntervalMs
  if (options.commitLatencyMomentums !== undefined) cadence.commitLatencyMomentums = options.commitLatencyMomentums
  const deps: BridgeRPCDeps = { anchor: createAnchorReader(options.client, options.chainId), cadence }
  return new Map<string, RPCMethod>([
    ['nomx_getWithdrawalStatus', nomx_getWithdrawalStatus(deps)],
    ['nomx_getWithdrawalProof', nomx_getWithdrawalProof(deps)],
    ['nomx_syncStatus', nomx_syncStatus(deps)],
  ])
}
