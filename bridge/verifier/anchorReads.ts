/**
 * The anchor reads the verifier needs (contracts/anchor/SPEC.md §7), decoded strictly by
 * contracts/anchor/rpc/client.ts: the chain's windows, bond and guardians, frame records, and
 * commitments with their flags. A node answering in another shape fails with InvalidJSONError
 * (the verifier retries the step).
 */
import type { NoMClient } from '../../nom/rpc/client.ts'
import type { FlagRecord } from '../../contracts/anchor/records.ts'
import { getChain, getCommitments, getFrame } from '../../contracts/anchor/rpc/client.ts'
import type { AnchorChain, AnchorCommitment, AnchorFrame } from '../../contracts/anchor/rpc/client.ts'

export type AnchorReadClient = Pick<NoMClient, 'call'>

/** What the verifier reads of the anchor's chain record (createdAt: the momentum that confirmed CreateChain). */
export type VerifierChainInfo = Pick<AnchorChain, 'sequencingWindow' | 'challengeWindow' | 'createdAt' | 'flagBond' | 'guardians' | 'quorum' | 'frameCount' | 'nextCommitmentIndex'>

/** One SubmitFrame record (`dataHash` is the SHA3-256 of the frame bytes). */
export type AnchorFrameRecord = AnchorFrame

export type AnchorFlag = FlagRecord

export type VerifierCommitment = Pick<AnchorCommitment, 'index' | 'l2BlockNumber' | 'outputRoot' | 'originMomentumHeight' | 'lastDepositIndex' | 'framesHash' | 'proposedAt' | 'sendHash' | 'status' | 'flag'>

export function readVerifierChain(client: AnchorReadClient, chainId: bigint): Promise<VerifierChainInfo | undefined> {
  return getChain(client, chainId)
}

/** `getFrame [chainId, index]`; undefined for a missing record (the answer must carry the asked index). */
export function readAnchorFrame(client: AnchorReadClient, chainId: bigint, index: bigint): Promise<AnchorFrameRecord | undefined> {
  return getFrame(client, chainId, index)
}

/** The commitments the anchor holds for the chain from index `fromIndex` on, ascending (`getCommitments` pages). */
export async function readCommitments(client: AnchorReadClient, chainId: bigint, fromIndex = 1n, pageSize = 256): Promise<VerifierCommitment[]> {
  const out: VerifierCommitment[] = []
  for (let page = fromIndex < 1n ? 0n : (fromIndex - 1n) / BigInt(pageSize); ; page++) {
    const { list, more } = await getCommitments(client, chainId, page, pageSize)
    for (const c of list) if (c.index >= fromIndex) out.push(c)
    if (!more || list.length === 0) return out
  }
}
