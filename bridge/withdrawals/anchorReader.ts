/**
 * Typed reads of the anchor (`embedded.anchor.*`, contracts/anchor/SPEC.md §7) for one chain, plus
 * the NoM frontier: what withdrawal status, proofs, sync status and the head tracker need. JSON is
 * decoded strictly by contracts/anchor/rpc/client.ts, so a node answering in another shape fails loudly.
 */
import type { NoMClient } from '../../nom/rpc/client.ts'
import type { Address, Hash } from '../../nom/types.ts'
import { anchorChainFromJSON, anchorCommitmentFromJSON, anchorWithdrawalFromJSON, getChain, getCommitment, getWithdrawal } from '../../contracts/anchor/rpc/client.ts'
import type {
  AnchorChain,
  AnchorCommitment as AnchorCommitmentJSONRecord,
  AnchorWithdrawal as AnchorWithdrawalJSONRecord,
  AnchorWithdrawalProof as AnchorWithdrawalProofRecord,
  CommitmentStatus as AnchorCommitmentStatus,
} from '../../contracts/anchor/rpc/client.ts'

/** What a reader needs of the NoM client (a NoMClient, or a stand-in in tests). */
export type AnchorClient = Pick<NoMClient, 'call' | 'getFrontierMomentum' | 'getMomentumsByHeight'>

export interface AnchorChainInfo {
  chainId: bigint
  challengeWindow: bigint
  sequencingWindow: bigint
  depositConfirmations: bigint
  halted: boolean
  /** Momentum height of the last unhalt (0 = never); proving stays closed until unhaltedAt + unhaltCooldown < now. */
  unhaltedAt: bigint
  unhaltCooldown: bigint
  depositCount: bigint
  frameCount: bigint
  /** Commitments that exist: indices 1..commitmentCount. */
  commitmentCount: bigint
  /** Lowest commitment index with an open flag (it and every later one are frozen). */
  lowestFlaggedIndex: bigint | undefined
}

/** `inWindow` / `final` (past its challenge window) / `flagged` (open flag) / `frozen` (an earlier one is flagged). */
export type CommitmentStatus = AnchorCommitmentStatus

export interface AnchorCommitment {
  index: bigint
  l2BlockNumber: bigint
  outputRoot: Hash
  originMomentumHeight: bigint
  originMomentumHash: Hash
  lastDepositIndex: bigint
  proposer: Address
  /** Momentum height that confirmed the proposal. */
  proposedAt: bigint
  /** First momentum height at which it is past its challenge window. */
  finalizableAt: bigint
  status: CommitmentStatus
}

export type AnchorWithdrawalProof = AnchorWithdrawalProofRecord

/** `getWithdrawal` without the chain id (a reader is for one chain). */
export type AnchorWithdrawal = Omit<AnchorWithdrawalJSONRecord, 'chainId'>

export interface NoMMomentumRef {
  height: bigint
  hash: Hash
  /** Unix seconds. */
  timestamp: bigint
}

export interface AnchorReader {
  readonly chainId: bigint
  /** The chain record, or undefined when the anchor has no such chain. */
  chain(): Promise<AnchorChainInfo | undefined>
  commitment(index: bigint): Promise<AnchorCommitment | undefined>
  withdrawal(withdrawalHash: Hash): Promise<AnchorWithdrawal | undefined>
  frontier(): Promise<NoMMomentumRef>
  /** The momentum at `height`, or undefined above the frontier. */
  momentum(height: bigint): Promise<NoMMomentumRef | undefined>
}

function chainInfo(c: AnchorChain): AnchorChainInfo {
  return {
    chainId: c.chainId,
    challengeWindow: c.challengeWindow,
    sequencingWindow: c.sequencingWindow,
    depositConfirmations: c.depositConfirmations,
    halted: c.halted,
    unhaltedAt: c.unhaltedAt,
    unhaltCooldown: c.unhaltCooldown,
    depositCount: c.depositCount,
    frameCount: c.frameCount,
    commitmentCount: c.commitmentCount,
    lowestFlaggedIndex: c.lowestFlaggedIndex,
  }
}

function commitmentInfo(c: AnchorCommitmentJSONRecord): AnchorCommitment {
  return {
    index: c.index,
    l2BlockNumber: c.l2BlockNumber,
    outputRoot: c.outputRoot,
    originMomentumHeight: c.originMomentumHeight,
    originMomentumHash: c.originMomentumHash,
    lastDepositIndex: c.lastDepositIndex,
    proposer: c.proposer,
    proposedAt: c.proposedAt,
    finalizableAt: c.finalizableAt,
    status: c.status,
  }
}

function withdrawalInfo(w: AnchorWithdrawalJSONRecord): AnchorWithdrawal {
  const { chainId: _chainId, ...rest } = w
  return rest
}

export function chainFromJSON(v: unknown, path: string): AnchorChainInfo {
  return chainInfo(anchorChainFromJSON(v, path))
}

export function commitmentFromJSON(v: unknown, path: string): AnchorCommitment {
  return commitmentInfo(anchorCommitmentFromJSON(v, path))
}

export function withdrawalFromJSON(v: unknown, path: string): AnchorWithdrawal {
  return withdrawalInfo(anchorWithdrawalFromJSON(v, path))
}

export function createAnchorReader(client: AnchorClient, chainId: bigint): AnchorReader {
  return {
    chainId,
    async chain() {
      const c = await getChain(client, chainId)
      return c === undefined ? undefined : chainInfo(c)
    },
    async commitment(index) {
      const c = await getCommitment(client, chainId, index)
      return c === undefined ? undefined : commitmentInfo(c)
    },
    async withdrawal(withdrawalHash) {
      const w = await getWithdrawal(client, chainId, withdrawalHash)
      return w === undefined ? undefined : withdrawalInfo(w)
    },
    async frontier() {
      const m = await client.getFrontierMomentum()
      return { height: m.height, hash: m.hash, timestamp: m.timestamp }
    },
    async momentum(height) {
      const m = (await client.getMomentumsByHeight(height, 1)).list[0]
      return m === undefined || m.height !== height ? undefined : { height: m.height, hash: m.hash, timestamp: m.timestamp }
    },
  }
}
