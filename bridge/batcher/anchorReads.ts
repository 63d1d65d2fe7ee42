/**
 * The anchor reads the batcher and proposer need (contracts/anchor/SPEC.md §7), decoded by
 * contracts/anchor/rpc/client.ts: the chain record, frame records (by index, in pages), one
 * commitment, one deposit, a bond. A malformed answer is an InvalidJSONError (the loops retry).
 */
import type { Address, Hash } from '../../nom/types.ts'
import type { NoMClient } from '../../nom/rpc/client.ts'
import { bytesEqual, concatBytes, u64be } from '../../nom/hash.ts'
import { keccak256 } from '../../node/keccak256.ts'
import { MAX_PAGE_SIZE } from '../../contracts/anchor/constants.ts'
import { getBond, getChain, getCommitment, getDeposit, getFrames } from '../../contracts/anchor/rpc/client.ts'
import type { AnchorCommitment as AnchorCommitmentRecord, AnchorFrame as AnchorFrameRecord } from '../../contracts/anchor/rpc/client.ts'

export interface AnchorChainState {
  proposer: Address
  sequencingWindow: bigint
  proposerBond: bigint
  frameCount: bigint
  nextCommitmentIndex: bigint
  /** Commitments 1…commitmentCount exist (nextCommitmentIndex − 1). */
  commitmentCount: bigint
}

/** One SubmitFrame the anchor recorded (`dataHash` is the SHA3-256 of the frame bytes). */
export type AnchorFrame = AnchorFrameRecord

export type AnchorCommitment = AnchorCommitmentRecord

/** `embedded.anchor.getChain [chainId]`; undefined when the chain does not exist. */
export async function readChainState(client: NoMClient, chainId: bigint): Promise<AnchorChainState | undefined> {
  const c = await getChain(client, chainId)
  if (c === undefined) return undefined
  return { proposer: c.proposer, sequencingWindow: c.sequencingWindow, proposerBond: c.proposerBond, frameCount: c.frameCount, nextCommitmentIndex: c.nextCommitmentIndex, commitmentCount: c.commitmentCount }
}

/**
 * Frame records with index ≥ `from` (1-based), at most one page of the read API, in index order.
 * Pages are aligned to the API's (page p holds p·size+1 … (p+1)·size), so the first page may start
 * before `from`; those records are dropped.
 */
export async function readFramesFrom(client: NoMClient, chainId: bigint, from: bigint, pageSize = MAX_PAGE_SIZE): Promise<AnchorFrame[]> {
  const page = await getFrames(client, chainId, (from - 1n) / BigInt(pageSize), pageSize)
  return page.list.filter((f) => f.index >= from)
}

/** `embedded.anchor.getCommitment [chainId, index]`; undefined when there is none. */
export function readCommitment(client: NoMClient, chainId: bigint, index: bigint): Promise<AnchorCommitment | undefined> {
  return getCommitment(client, chainId, index)
}

/** `embedded.anchor.getDeposit [chainId, index]`: the momentum it was confirmed in; undefined when there is none. */
export async function readDepositMomentum(client: NoMClient, chainId: bigint, index: bigint): Promise<bigint | undefined> {
  return (await getDeposit(client, chainId, index))?.momentumHeight
}

/** `embedded.anchor.getBond [chainId, address]`: the bonded ZNN (0 when none). */
export async function readBond(client: NoMClient, chainId: bigint, address: Address): Promise<bigint> {
  return (await getBond(client, chainId, address)).amount
}

/**
 * The frame index a framesHash names (keccak256(u64be(index) ‖ dataHash(index)), README §3),
 * searched from the newest frame record backwards; undefined when no record matches.
 */
export async function findFramesHashIndex(client: NoMClient, chainId: bigint, frameCount: bigint, framesHash: Hash, pageSize = MAX_PAGE_SIZE): Promise<bigint | undefined> {
  const size = BigInt(pageSize)
  for (let page = frameCount === 0n ? -1n : (frameCount - 1n) / size; page >= 0n; page--) {
    const records = await readFramesFrom(client, chainId, page * size + 1n, pageSize)
    for (let i = records.length - 1; i >= 0; i--) {
      const r = records[i]!
      if (bytesEqual(keccak256(concatBytes(u64be(r.index), r.dataHash)), framesHash)) return r.index
    }
  }
  return undefined
}
