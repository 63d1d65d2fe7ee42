/**
 * Typed reads of the anchor (`embedded.anchor.*`, contracts/anchor/SPEC.md §7) for one chain, plus
 * the NoM frontier: what withdrawal status, proofs, sync status and the head tracker need. JSON is
 * decoded strictly (nom/jsonReader.ts), so a node answering in another shape fails loudly.
 */
import type { NoMClient } from '../../nom/rpc/client.ts'
import {
  field,
  readAddress,
  readArray,
  readBool,
  readDecimal,
  readHash,
  readNullable,
  readObject,
  readString,
  readTokenStandard,
  readUint,
  type JSONObject,
} from '../../nom/jsonReader.ts'
import { InvalidJSONError } from '../../nom/errors.ts'
import { toHex } from '../../nom/hash.ts'
import type { Address, Hash, TokenStandard } from '../../nom/types.ts'

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
export type CommitmentStatus = 'inWindow' | 'final' | 'flagged' | 'frozen'

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

export interface AnchorWithdrawalProof {
  prover: Address
  commitmentIndex: bigint
  outputRoot: Hash
  provenAt: bigint
  /** The proof's commitment still exists with the proven output root. */
  valid: boolean
  /** The proof's commitment (or an earlier one) is flagged. */
  frozen: boolean
  finalizableAt: bigint | undefined
}

export interface AnchorWithdrawal {
  withdrawalHash: Hash
  target: Address
  tokenStandard: TokenStandard
  amount: bigint
  status: 'proven' | 'finalizable' | 'finalized'
  /** Earliest momentum a valid, unfrozen proof can be finalized at (undefined: none can). */
  finalizableAt: bigint | undefined
  finalizedAt: bigint | undefined
  finalizedBy: Address | undefined
  proofs: AnchorWithdrawalProof[]
}

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

function get(o: JSONObject, key: string, path: string): unknown {
  return field(o, key, path)
}

const COMMITMENT_STATUSES: readonly string[] = ['inWindow', 'final', 'flagged', 'frozen']
const WITHDRAWAL_STATUSES: readonly string[] = ['proven', 'finalizable', 'finalized']

function readEnum<T extends string>(v: unknown, path: string, allowed: readonly string[]): T {
  const s = readString(v, path)
  if (!allowed.includes(s)) throw new InvalidJSONError(`${path}: expected one of ${allowed.join(', ')}, got ${JSON.stringify(s)}`)
  return s as T
}

export function chainFromJSON(v: unknown, path: string): AnchorChainInfo {
  const o = readObject(v, path)
  return {
    chainId: readUint(get(o, 'chainId', path), `${path}.chainId`),
    challengeWindow: readUint(get(o, 'challengeWindow', path), `${path}.challengeWindow`),
    sequencingWindow: readUint(get(o, 'sequencingWindow', path), `${path}.sequencingWindow`),
    depositConfirmations: readUint(get(o, 'depositConfirmations', path), `${path}.depositConfirmations`),
    halted: readBool(get(o, 'halted', path), `${path}.halted`),
    unhaltedAt: readUint(get(o, 'unhaltedAt', path), `${path}.unhaltedAt`),
    unhaltCooldown: readUint(get(o, 'unhaltCooldown', path), `${path}.unhaltCooldown`),
    depositCount: readUint(get(o, 'depositCount', path), `${path}.depositCount`),
    frameCount: readUint(get(o, 'frameCount', path), `${path}.frameCount`),
    commitmentCount: readUint(get(o, 'commitmentCount', path), `${path}.commitmentCount`),
    lowestFlaggedIndex: readNullable(get(o, 'lowestFlaggedIndex', path), `${path}.lowestFlaggedIndex`, readUint) ?? undefined,
  }
}

export function commitmentFromJSON(v: unknown, path: string): AnchorCommitment {
  const o = readObject(v, path)
  return {
    index: readUint(get(o, 'index', path), `${path}.index`),
    l2BlockNumber: readUint(get(o, 'l2BlockNumber', path), `${path}.l2BlockNumber`),
    outputRoot: readHash(get(o, 'outputRoot', path), `${path}.outputRoot`),
    originMomentumHeight: readUint(get(o, 'originMomentumHeight', path), `${path}.originMomentumHeight`),
    originMomentumHash: readHash(get(o, 'originMomentumHash', path), `${path}.originMomentumHash`),
    lastDepositIndex: readUint(get(o, 'lastDepositIndex', path), `${path}.lastDepositIndex`),
    proposer: readAddress(get(o, 'proposer', path), `${path}.proposer`),
    proposedAt: readUint(get(o, 'proposedAt', path), `${path}.proposedAt`),
    finalizableAt: readUint(get(o, 'finalizableAt', path), `${path}.finalizableAt`),
    status: readEnum<CommitmentStatus>(get(o, 'status', path), `${path}.status`, COMMITMENT_STATUSES),
  }
}

function proofFromJSON(v: unknown, path: string): AnchorWithdrawalProof {
  const o = readObject(v, path)
  return {
    prover: readAddress(get(o, 'prover', path), `${path}.prover`),
    commitmentIndex: readUint(get(o, 'commitmentIndex', path), `${path}.commitmentIndex`),
    outputRoot: readHash(get(o, 'outputRoot', path), `${path}.outputRoot`),
    provenAt: readUint(get(o, 'provenAt', path), `${path}.provenAt`),
    valid: readBool(get(o, 'valid', path), `${path}.valid`),
    frozen: readBool(get(o, 'frozen', path), `${path}.frozen`),
    finalizableAt: readNullable(get(o, 'finalizableAt', path), `${path}.finalizableAt`, readUint) ?? undefined,
  }
}

export function withdrawalFromJSON(v: unknown, path: string): AnchorWithdrawal {
  const o = readObject(v, path)
  return {
    withdrawalHash: readHash(get(o, 'withdrawalHash', path), `${path}.withdrawalHash`),
    target: readAddress(get(o, 'target', path), `${path}.target`),
    tokenStandard: readTokenStandard(get(o, 'tokenStandard', path), `${path}.tokenStandard`),
    amount: readDecimal(get(o, 'amount', path), `${path}.amount`),
    status: readEnum<AnchorWithdrawal['status']>(get(o, 'status', path), `${path}.status`, WITHDRAWAL_STATUSES),
    finalizableAt: readNullable(get(o, 'finalizableAt', path), `${path}.finalizableAt`, readUint) ?? undefined,
    finalizedAt: readNullable(get(o, 'finalizedAt', path), `${path}.finalizedAt`, readUint) ?? undefined,
    finalizedBy: readNullable(get(o, 'finalizedBy', path), `${path}.finalizedBy`, readAddress) ?? undefined,
    proofs: readArray(get(o, 'proofs', path), `${path}.proofs`).map((p, i) => proofFromJSON(p, `${path}.proofs[${i}]`)),
  }
}

export function createAnchorReader(client: AnchorClient, chainId: bigint): AnchorReader {
  const id = Number(chainId)
  return {
    chainId,
    async chain() {
      return readNullable(await client.call('embedded.anchor.getChain', [id]), 'getChain', chainFromJSON) ?? undefined
    },
    async commitment(index) {
      return readNullable(await client.call('embedded.anchor.getCommitment', [id, Number(index)]), 'getCommitment', commitmentFromJSON) ?? undefined
    },
    async withdrawal(withdrawalHash) {
      return readNullable(await client.call('embedded.anchor.getWithdrawal', [id, toHex(withdrawalHash)]), 'getWithdrawal', withdrawalFromJSON) ?? undefined
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
