/**
 * The anchor reads the batcher and proposer need (contracts/anchor/SPEC.md §7), decoded from
 * go-zenon JSON: the chain record, frame records (by index, in pages), one commitment, a bond.
 * A malformed answer is an InvalidJSONError (the loops retry).
 */
import type { Address, Hash } from '../../nom/types.ts'
import type { NoMClient } from '../../nom/rpc/client.ts'
import { formatAddress } from '../../nom/address.ts'
import { bytesEqual, concatBytes, u64be } from '../../nom/hash.ts'
import { keccak256 } from '../../node/keccak256.ts'
import { field, readAddress, readArray, readDecimal, readHash, readObject, readUint } from '../../nom/jsonReader.ts'
import { MAX_PAGE_SIZE } from '../../contracts/anchor/constants.ts'

export interface AnchorChainState {
  proposer: Address
  sequencingWindow: bigint
  proposerBond: bigint
  frameCount: bigint
  nextCommitmentIndex: bigint
}

/** One SubmitFrame the anchor recorded. */
export interface AnchorFrame {
  index: bigint
  submitter: Address
  momentumHeight: bigint
  sendHash: Hash
  /** SHA3-256 of the frame bytes. */
  dataHash: Hash
  length: bigint
}

export interface AnchorCommitment {
  index: bigint
  l2BlockNumber: bigint
  outputRoot: Hash
  originMomentumHeight: bigint
  originMomentumHash: Hash
  lastDepositIndex: bigint
  framesHash: Hash
  proposedAt: bigint
}

/** `embedded.anchor.getChain [chainId]`; undefined when the chain does not exist. */
export async function readChainState(client: NoMClient, chainId: bigint): Promise<AnchorChainState | undefined> {
  const v = await client.call('embedded.anchor.getChain', [chainId.toString()])
  if (v === null) return undefined
  const path = 'embedded.anchor.getChain'
  const o = readObject(v, path)
  return {
    proposer: readAddress(field(o, 'proposer', path), `${path}.proposer`),
    sequencingWindow: readUint(field(o, 'sequencingWindow', path), `${path}.sequencingWindow`),
    proposerBond: readDecimal(field(o, 'proposerBond', path), `${path}.proposerBond`),
    frameCount: readUint(field(o, 'frameCount', path), `${path}.frameCount`),
    nextCommitmentIndex: readUint(field(o, 'nextCommitmentIndex', path), `${path}.nextCommitmentIndex`),
  }
}

function frameOf(v: unknown, path: string): AnchorFrame {
  const o = readObject(v, path)
  return {
    index: readUint(field(o, 'index', path), `${path}.index`),
    submitter: readAddress(field(o, 'submitter', path), `${path}.submitter`),
    momentumHeight: readUint(field(o, 'momentumHeight', path), `${path}.momentumHeight`),
    sendHash: readHash(field(o, 'sendHash', path), `${path}.sendHash`),
    dataHash: readHash(field(o, 'dataHash', path), `${path}.dataHash`),
    length: readUint(field(o, 'length', path), `${path}.length`),
  }
}

/**
 * Frame records with index ≥ `from` (1-based), at most one page of the read API, in index order.
 * Pages are aligned to the API's (page p holds p·size+1 … (p+1)·size), so the first page may start
 * before `from`; those records are dropped.
 */
export async function readFramesFrom(client: NoMClient, chainId: bigint, from: bigint, pageSize = MAX_PAGE_SIZE): Promise<AnchorFrame[]> {
  const size = BigInt(pageSize)
  const pageIndex = (from - 1n) / size
  const path = `embedded.anchor.getFrames(${pageIndex})`
  const o = readObject(await client.call('embedded.anchor.getFrames', [chainId.toString(), Number(pageIndex), pageSize]), path)
  const list = readArray(field(o, 'list', path), `${path}.list`).map((f, i) => frameOf(f, `${path}.list[${i}]`))
  return list.filter((f) => f.index >= from)
}

/** `embedded.anchor.getCommitment [chainId, index]`; undefined when there is none. */
export async function readCommitment(client: NoMClient, chainId: bigint, index: bigint): Promise<AnchorCommitment | undefined> {
  const v = await client.call('embedded.anchor.getCommitment', [chainId.toString(), index.toString()])
  if (v === null) return undefined
  const path = `embedded.anchor.getCommitment(${index})`
  const o = readObject(v, path)
  return {
    index: readUint(field(o, 'index', path), `${path}.index`),
    l2BlockNumber: readUint(field(o, 'l2BlockNumber', path), `${path}.l2BlockNumber`),
    outputRoot: readHash(field(o, 'outputRoot', path), `${path}.outputRoot`),
    originMomentumHeight: readUint(field(o, 'originMomentumHeight', path), `${path}.originMomentumHeight`),
    originMomentumHash: readHash(field(o, 'originMomentumHash', path), `${path}.originMomentumHash`),
    lastDepositIndex: readUint(field(o, 'lastDepositIndex', path), `${path}.lastDepositIndex`),
    framesHash: readHash(field(o, 'framesHash', path), `${path}.framesHash`),
    proposedAt: readUint(field(o, 'proposedAt', path), `${path}.proposedAt`),
  }
}

/** `embedded.anchor.getBond [chainId, address]`: the bonded ZNN (0 when none). */
export async function readBond(client: NoMClient, chainId: bigint, address: Address): Promise<bigint> {
  const v = await client.call('embedded.anchor.getBond', [chainId.toString(), formatAddress(address)])
  if (v === null) return 0n
  const path = 'embedded.anchor.getBond'
  return readDecimal(field(readObject(v, path), 'amount', path), `${path}.amount`)
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
