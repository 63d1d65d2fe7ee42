/**
 * The anchor reads the verifier needs (contracts/anchor/SPEC.md §7), decoded strictly by
 * contracts/anchor/rpc/client.ts: the chain's windows, bond and guardians, frame records, and
 * commitments with their flags. A node answering in another shape fails with InvalidJSONError
 * (the verifier retries the step).
 */
import type { NoMClient } from '../../nom/rpc/client.ts'
import type { Address, Hash } from '../../nom/types.ts'
import type { FlagRecord } from '../../contracts/anchor/records.ts'
import { anchorCommitmentFromJSON, getChain, getCommitments, getFrame } from '../../contracts/anchor/rpc/client.ts'
import type { AnchorCommitment, AnchorFrame, CommitmentStatus } from '../../contracts/anchor/rpc/client.ts'

export type AnchorReadClient = Pick<NoMClient, 'call'>

/** What the verifier reads of the anchor's chain record. */
export interface VerifierChainInfo {
  sequencingWindow: bigint
  challengeWindow: bigint
  /** Momentum height that confirmed CreateChain. */
  createdAt: bigint
  flagBond: bigint
  guardians: Address[]
  quorum: bigint
  frameCount: bigint
  nextCommitmentIndex: bigint
}

/** One SubmitFrame record (`dataHash` is the SHA3-256 of the frame bytes). */
export type AnchorFrameRecord = AnchorFrame

export type AnchorFlag = FlagRecord

export interface VerifierCommitment {
  index: bigint
  l2BlockNumber: bigint
  outputRoot: Hash
  originMomentumHeight: bigint
  lastDepositIndex: bigint
  framesHash: Hash
  proposedAt: bigint
  sendHash: Hash
  status: CommitmentStatus
  flag: AnchorFlag | undefined
}

function verifierCommitment(c: AnchorCommitment): VerifierCommitment {
  return {
    index: c.index,
    l2BlockNumber: c.l2BlockNumber,
    outputRoot: c.outputRoot,
    originMomentumHeight: c.originMomentumHeight,
    lastDepositIndex: c.lastDepositIndex,
    framesHash: c.framesHash,
    proposedAt: c.proposedAt,
    sendHash: c.sendHash,
    status: c.status,
    flag: c.flag,
  }
}

export async function readVerifierChain(client: AnchorReadClient, chainId: bigint): Promise<VerifierChainInfo | undefined> {
  const c = await getChain(client, chainId)
  if (c === undefined) return undefined
  return {
    sequencingWindow: c.sequencingWindow,
    challengeWindow: c.challengeWindow,
    createdAt: c.createdAt,
    flagBond: c.flagBond,
    guardians: c.guardians,
    quorum: c.quorum,
    frameCount: c.frameCount,
    nextCommitmentIndex: c.nextCommitmentIndex,
  }
}

/** `getFrame [chainId, index]`; undefined for a missing record (the answer must carry the asked index). */
export function readAnchorFrame(client: AnchorReadClient, chainId: bigint, index: bigint): Promise<AnchorFrameRecord | undefined> {
  return getFrame(client, chainId, index)
}

export function verifierCommitmentFromJSON(v: unknown, path: string): VerifierCommitment {
  return verifierCommitment(anchorCommitmentFromJSON(v, path))
}

/** The commitments the anchor holds for the chain from index `fromIndex` on, ascending (`getCommitments` pages). */
export async function readCommitments(client: AnchorReadClient, chainId: bigint, fromIndex = 1n, pageSize = 256): Promise<VerifierCommitment[]> {
  const out: VerifierCommitment[] = []
  for (let page = fromIndex < 1n ? 0n : (fromIndex - 1n) / BigInt(pageSize); ; page++) {
    const { list, more } = await getCommitments(client, chainId, page, pageSize)
    for (const c of list) if (c.index >= fromIndex) out.push(verifierCommitment(c))
    if (!more || list.length === 0) return out
  }
}
