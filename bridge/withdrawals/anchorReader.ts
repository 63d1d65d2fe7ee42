/**
 * Typed reads of the anchor (`embedded.anchor.*`, contracts/anchor/SPEC.md §7) for one chain, plus
 * the NoM frontier: what withdrawal status, proofs, sync status and the head tracker need. JSON is
 * decoded strictly by contracts/anchor/rpc/client.ts, so a node answering in another shape fails loudly.
 */
import type { NoMClient } from '../../nom/rpc/client.ts'
import type { Hash } from '../../nom/types.ts'
import { getChain, getCommitment, getWithdrawal } from '../../contracts/anchor/rpc/client.ts'
import type {
  AnchorChain,
  AnchorCommitment as AnchorCommitmentJSONRecord,
  AnchorWithdrawal as AnchorWithdrawalJSONRecord,
  AnchorWithdrawalProof as AnchorWithdrawalProofRecord,
  CommitmentStatus as AnchorCommitmentStatus,
} from '../../contracts/anchor/rpc/client.ts'

/** What a reader needs of the NoM client (a NoMClient, or a stand-in in tests). */
export type AnchorClient = Pick<NoMClient, 'call' | 'getFrontierMomentum' | 'getMomentumsByHeight'>

/**
 * The chain record fields the withdrawal code reads. unhaltedAt: momentum height of the last unhalt
 * (0 = never; proving stays closed until unhaltedAt + unhaltCooldown < now); commitments 1..commitmentCount
 * exist; lowestFlaggedIndex: the lowest with an open flag (it and every later one are frozen).
 */
export type AnchorChainInfo = Pick<
  AnchorChain,
  'chainId' | 'challengeWindow' | 'sequencingWindow' | 'depositConfirmations' | 'halted' | 'unhaltedAt' | 'unhaltCooldown' | 'depositCount' | 'frameCount' | 'commitmentCount' | 'lowestFlaggedIndex'
>

/** `inWindow` / `final` (past its challenge window) / `flagged` (open flag) / `frozen` (an earlier one is flagged). */
export type CommitmentStatus = AnchorCommitmentStatus

/** proposedAt: the momentum that confirmed the proposal; finalizableAt: the first momentum at which it is past its challenge window. */
export type AnchorCommitment = Pick<
  AnchorCommitmentJSONRecord,
  'index' | 'l2BlockNumber' | 'outputRoot' | 'originMomentumHeight' | 'originMomentumHash' | 'lastDepositIndex' | 'proposer' | 'proposedAt' | 'finalizableAt' | 'status'
>

export type AnchorWithdrawalProof = AnchorWithdrawalProofRecord

/** `getWithdrawal` (the chain id is the reader's). */
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

export function createAnchorReader(client: AnchorClient, chainId: bigint): AnchorReader {
  return {
    chainId,
    chain: () => getChain(client, chainId),
    commitment: (index) => getCommitment(client, chainId, index),
    withdrawal: (withdrawalHash) => getWithdrawal(client, chainId, withdrawalHash),
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

/** Fraud verdicts kept deleting commitments between the reads of one answer. */
export class CommitmentsChangedError extends Error {
  override readonly name = 'CommitmentsChangedError'
}

/** The chain record and the commitment at its `commitmentCount` (undefined: none, or no chain). */
export interface CommitmentHead<Chain = AnchorChainInfo | undefined, Commitment = AnchorCommitment> {
  chain: Chain
  newest: Commitment | undefined
}

/**
 * The chain record and its newest commitment, read so that they agree. They are two reads: a
 * verdict landing between them deletes the commitment the record counts, and then both are read
 * again, up to `attempts` times before CommitmentsChangedError. Any reader of the two records will
 * do (this one's, the batcher's).
 */
export async function readCommitmentHead<Chain extends { commitmentCount: bigint } | undefined = AnchorChainInfo | undefined, Commitment = AnchorCommitment>(
  anchor: { readonly chainId: bigint; chain(): Promise<Chain>; commitment(index: bigint): Promise<Commitment | undefined> },
  attempts = 3,
): Promise<CommitmentHead<Chain, Commitment>> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const chain = await anchor.chain()
    const count = chain?.commitmentCount ?? 0n
    if (count === 0n) return { chain, newest: undefined }
    const newest = await anchor.commitment(count)
    if (newest !== undefined) return { chain, newest }
  }
  throw new CommitmentsChangedError(`the anchor deleted commitments of chain ${anchor.chainId} between the reads of each of ${attempts} attempts (fraud verdicts): retry`)
}
