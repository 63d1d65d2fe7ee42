/**
 * The anchor reads the verifier needs (contracts/anchor/SPEC.md §7), decoded strictly from go-zenon
 * JSON: the chain's windows, bond and guardians, frame records, and commitments with their flags.
 * A node answering in another shape fails with InvalidJSONError (the verifier retries the step).
 */
import type { NoMClient } from '../../nom/rpc/client.ts'
import { field, readAddress, readArray, readBool, readDecimal, readHash, readNullable, readObject, readString, readUint } from '../../nom/jsonReader.ts'
import { InvalidJSONError } from '../../nom/errors.ts'
import type { Address, Hash } from '../../nom/types.ts'

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

export interface AnchorFrameRecord {
  index: bigint
  submitter: Address
  momentumHeight: bigint
  sendHash: Hash
  /** SHA3-256 of the frame bytes. */
  dataHash: Hash
  length: bigint
}

export interface AnchorFlag {
  flagger: Address
  bond: bigint
  flaggedAt: bigint
  fraudVotes: bigint
  clearVotes: bigint
}

export interface VerifierCommitment {
  index: bigint
  l2BlockNumber: bigint
  outputRoot: Hash
  originMomentumHeight: bigint
  lastDepositIndex: bigint
  framesHash: Hash
  proposedAt: bigint
  sendHash: Hash
  status: 'inWindow' | 'final' | 'flagged' | 'frozen'
  flag: AnchorFlag | undefined
}

const STATUSES = ['inWindow', 'final', 'flagged', 'frozen'] as const

export async function readVerifierChain(client: AnchorReadClient, chainId: bigint): Promise<VerifierChainInfo | undefined> {
  const v = await client.call('embedded.anchor.getChain', [chainId.toString()])
  if (v === null) return undefined
  const path = 'embedded.anchor.getChain'
  const o = readObject(v, path)
  const uint = (key: string) => readUint(field(o, key, path), `${path}.${key}`)
  return {
    sequencingWindow: uint('sequencingWindow'),
    challengeWindow: uint('challengeWindow'),
    createdAt: uint('createdAt'),
    flagBond: readDecimal(field(o, 'flagBond', path), `${path}.flagBond`),
    guardians: readArray(field(o, 'guardians', path), `${path}.guardians`).map((g, i) => readAddress(g, `${path}.guardians[${i}]`)),
    quorum: uint('quorum'),
    frameCount: uint('frameCount'),
    nextCommitmentIndex: uint('nextCommitmentIndex'),
  }
}

export async function readAnchorFrame(client: AnchorReadClient, chainId: bigint, index: bigint): Promise<AnchorFrameRecord | undefined> {
  const v = await client.call('embedded.anchor.getFrame', [chainId.toString(), index.toString()])
  if (v === null) return undefined
  const path = `embedded.anchor.getFrame(${index})`
  const o = readObject(v, path)
  const frame: AnchorFrameRecord = {
    index: readUint(field(o, 'index', path), `${path}.index`),
    submitter: readAddress(field(o, 'submitter', path), `${path}.submitter`),
    momentumHeight: readUint(field(o, 'momentumHeight', path), `${path}.momentumHeight`),
    sendHash: readHash(field(o, 'sendHash', path), `${path}.sendHash`),
    dataHash: readHash(field(o, 'dataHash', path), `${path}.dataHash`),
    length: readUint(field(o, 'length', path), `${path}.length`),
  }
  if (frame.index !== index) throw new InvalidJSONError(`${path}.index: expected ${index}, got ${frame.index}`)
  return frame
}

function flagFromJSON(v: unknown, path: string): AnchorFlag {
  const o = readObject(v, path)
  return {
    flagger: readAddress(field(o, 'flagger', path), `${path}.flagger`),
    bond: readDecimal(field(o, 'bond', path), `${path}.bond`),
    flaggedAt: readUint(field(o, 'flaggedAt', path), `${path}.flaggedAt`),
    fraudVotes: readUint(field(o, 'fraudVotes', path), `${path}.fraudVotes`),
    clearVotes: readUint(field(o, 'clearVotes', path), `${path}.clearVotes`),
  }
}

export function verifierCommitmentFromJSON(v: unknown, path: string): VerifierCommitment {
  const o = readObject(v, path)
  const status = readString(field(o, 'status', path), `${path}.status`)
  if (!(STATUSES as readonly string[]).includes(status)) throw new InvalidJSONError(`${path}.status: expected one of ${STATUSES.join(', ')}, got ${JSON.stringify(status)}`)
  return {
    index: readUint(field(o, 'index', path), `${path}.index`),
    l2BlockNumber: readUint(field(o, 'l2BlockNumber', path), `${path}.l2BlockNumber`),
    outputRoot: readHash(field(o, 'outputRoot', path), `${path}.outputRoot`),
    originMomentumHeight: readUint(field(o, 'originMomentumHeight', path), `${path}.originMomentumHeight`),
    lastDepositIndex: readUint(field(o, 'lastDepositIndex', path), `${path}.lastDepositIndex`),
    framesHash: readHash(field(o, 'framesHash', path), `${path}.framesHash`),
    proposedAt: readUint(field(o, 'proposedAt', path), `${path}.proposedAt`),
    sendHash: readHash(field(o, 'sendHash', path), `${path}.sendHash`),
    status: status as VerifierCommitment['status'],
    flag: readNullable(field(o, 'flag', path), `${path}.flag`, flagFromJSON) ?? undefined,
  }
}

/** The commitments the anchor holds for the chain from index `fromIndex` on, ascending (`getCommitments` pages). */
export async function readCommitments(client: AnchorReadClient, chainId: bigint, fromIndex = 1n, pageSize = 256): Promise<VerifierCommitment[]> {
  const out: VerifierCommitment[] = []
  const first = fromIndex < 1n ? 0 : Number((fromIndex - 1n) / BigInt(pageSize))
  for (let page = first; ; page++) {
    const v = await client.call('embedded.anchor.getCommitments', [chainId.toString(), page, pageSize])
    const path = `embedded.anchor.getCommitments(${page})`
    const o = readObject(v, path)
    const list = readArray(field(o, 'list', path), `${path}.list`)
    list.forEach((c, i) => {
      const commitment = verifierCommitmentFromJSON(c, `${path}.list[${i}]`)
      if (commitment.index >= fromIndex) out.push(commitment)
    })
    if (!readBool(field(o, 'more', path), `${path}.more`) || list.length === 0) return out
  }
}
