/**
 * The anchor's read API (`embedded.anchor.*`, SPEC.md §7) from the caller's side: one function per
 * method, taking anything with the NoM client's `call`, decoding the JSON that json.ts encodes into
 * bigint / Uint8Array records. Decoding is strict (nom/jsonReader.ts): a node answering in another
 * shape fails with InvalidJSONError naming the path (`embedded.anchor.getDeposit(3).amount`).
 * Missing records (`null`) are `undefined`. Params: chain ids and indices as decimal strings, page
 * index and size as numbers (SPEC.md §7 accepts both).
 */
import type { Address, Hash, TokenStandard } from '../../../nom/types.ts'
import type { NoMClient } from '../../../nom/rpc/client.ts'
import { InvalidJSONError } from '../../../nom/errors.ts'
import { formatAddress } from '../../../nom/address.ts'
import { toHex } from '../../../nom/hash.ts'
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
} from '../../../nom/jsonReader.ts'
import type { ChainRecord, CommitmentRecord, DepositRecord, FlagRecord, FrameRecord, TimeChallengeRecord, WithdrawalRecord } from '../records.ts'

/** What the reads need of a NoM client (a NoMClient, or a stand-in in tests). */
export type AnchorRPCClient = Pick<NoMClient, 'call'>

export interface AnchorAssetTotals {
  tokenStandard: TokenStandard
  deposited: bigint
  released: bigint
}

/** `getChain`: the stored record plus what the read API derives. */
export interface AnchorChain extends ChainRecord {
  /** Commitments that exist: indices 1..commitmentCount. */
  commitmentCount: bigint
  proposerBondBalance: bigint
  /** Lowest commitment index with an open flag (it and every later one are frozen). */
  lowestFlaggedIndex: bigint | undefined
  assets: AnchorAssetTotals[]
}

/** `inWindow` / `final` (past its challenge window) / `flagged` (open flag) / `frozen` (an earlier one is flagged). */
export type CommitmentStatus = 'inWindow' | 'final' | 'flagged' | 'frozen'
export const COMMITMENT_STATUSES: readonly CommitmentStatus[] = ['inWindow', 'final', 'flagged', 'frozen']

export interface AnchorCommitment extends CommitmentRecord {
  chainId: bigint
  index: bigint
  /** First momentum height at which it is past its challenge window. */
  finalizableAt: bigint
  status: CommitmentStatus
  flag: FlagRecord | undefined
}

/** What a DepositCall asks the L2 to run from the sender's L2 address. */
export interface AnchorDepositCall {
  /** Wei sent with the call. */
  value: bigint
  gasLimit: bigint
  data: Uint8Array
}

/** `getDeposit`: the record, with the DepositCall fields as `call` (undefined for a plain Deposit: gasLimit 0, value "0", data "0x"). */
export interface AnchorDeposit extends Omit<DepositRecord, 'value' | 'gasLimit' | 'data'> {
  chainId: bigint
  index: bigint
  call: AnchorDepositCall | undefined
}

export interface AnchorFrame extends FrameRecord {
  chainId: bigint
  index: bigint
}

export interface AnchorBond {
  chainId: bigint
  address: Address
  amount: bigint
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

export type WithdrawalStatus = 'proven' | 'finalizable' | 'finalized'
export const WITHDRAWAL_STATUSES: readonly WithdrawalStatus[] = ['proven', 'finalizable', 'finalized']

export interface AnchorWithdrawal extends Pick<WithdrawalRecord, 'target' | 'tokenStandard' | 'amount'> {
  chainId: bigint
  withdrawalHash: Hash
  status: WithdrawalStatus
  /** Earliest momentum a valid, unfrozen proof can be finalized at (undefined: none can). */
  finalizableAt: bigint | undefined
  finalizedAt: bigint | undefined
  finalizedBy: Address | undefined
  proofs: AnchorWithdrawalProof[]
}

export interface AnchorChainSecurity {
  chainId: bigint
  guardians: Address[]
  quorum: bigint
  halted: boolean
  haltedAt: bigint
  unhaltedAt: bigint
  unhaltCooldown: bigint
  haltVotes: Address[]
  unhaltVotes: Address[]
}

export interface AnchorSecurityInfo {
  administrator: Address
  administratorDelay: bigint
  minGuardians: bigint
  /** Present when asked for a chain. */
  chain: AnchorChainSecurity | undefined
}

export interface AnchorTimeChallenge extends TimeChallengeRecord {
  /** First momentum height at which the same call executes. */
  executableAt: bigint
}

export interface AnchorCallFailure {
  sendHash: Hash
  momentumHeight: bigint
  method: string
  error: string
}

export interface AnchorPage<T> {
  count: bigint
  list: T[]
  more: boolean
}

const PREFIX = 'embedded.anchor'

function readEnum<T extends string>(v: unknown, path: string, allowed: readonly T[]): T {
  const s = readString(v, path)
  if (!(allowed as readonly string[]).includes(s)) throw new InvalidJSONError(`${path}: expected one of ${allowed.join(', ')}, got ${JSON.stringify(s)}`)
  return s as T
}

/** `0x`-prefixed hex bytes; `length` (bytes) when fixed. */
function read0xBytes(v: unknown, path: string, length?: number): Uint8Array {
  const s = readString(v, path)
  if (length !== undefined) {
    if (s.length !== 2 + 2 * length || !/^0x[0-9a-fA-F]*$/.test(s)) throw new InvalidJSONError(`${path}: expected a 0x address of ${length} bytes, got ${JSON.stringify(s)}`)
  } else if (!/^0x([0-9a-fA-F]{2})*$/.test(s)) throw new InvalidJSONError(`${path}: expected 0x hex bytes, got ${JSON.stringify(s.length > 40 ? `${s.slice(0, 37)}...` : s)}`)
  return new Uint8Array(Buffer.from(s.slice(2), 'hex'))
}

/** Field readers bound to one JSON object and its path. */
function fields(o: JSONObject, path: string) {
  const get = (key: string) => field(o, key, path)
  const at = (key: string) => `${path}.${key}`
  return {
    uint: (key: string) => readUint(get(key), at(key)),
    decimal: (key: string) => readDecimal(get(key), at(key)),
    hash: (key: string) => readHash(get(key), at(key)),
    address: (key: string) => readAddress(get(key), at(key)),
    addresses: (key: string) => readArray(get(key), at(key)).map((a, i) => readAddress(a, `${at(key)}[${i}]`)),
    token: (key: string) => readTokenStandard(get(key), at(key)),
    bool: (key: string) => readBool(get(key), at(key)),
    string: (key: string) => readString(get(key), at(key)),
    optionalUint: (key: string) => readNullable(get(key), at(key), readUint) ?? undefined,
    get,
    at,
  }
}

function checkIndex(got: bigint, want: bigint, path: string): void {
  if (got !== want) throw new InvalidJSONError(`${path}.index: expected ${want}, got ${got}`)
}

export function anchorChainFromJSON(v: unknown, path: string): AnchorChain {
  const f = fields(readObject(v, path), path)
  return {
    chainId: f.uint('chainId'),
    proposer: f.address('proposer'),
    challengeWindow: f.uint('challengeWindow'),
    sequencingWindow: f.uint('sequencingWindow'),
    depositConfirmations: f.uint('depositConfirmations'),
    guardians: f.addresses('guardians'),
    quorum: f.uint('quorum'),
    proposerBond: f.decimal('proposerBond'),
    flagBond: f.decimal('flagBond'),
    unhaltCooldown: f.uint('unhaltCooldown'),
    halted: f.bool('halted'),
    haltedAt: f.uint('haltedAt'),
    unhaltedAt: f.uint('unhaltedAt'),
    depositCount: f.uint('depositCount'),
    frameCount: f.uint('frameCount'),
    commitmentCount: f.uint('commitmentCount'),
    nextCommitmentIndex: f.uint('nextCommitmentIndex'),
    forfeitedFlagBonds: f.decimal('forfeitedFlagBonds'),
    createdAt: f.uint('createdAt'),
    proposerBondBalance: f.decimal('proposerBondBalance'),
    lowestFlaggedIndex: f.optionalUint('lowestFlaggedIndex'),
    assets: readArray(f.get('assets'), f.at('assets')).map((a, i) => {
      const p = `${path}.assets[${i}]`
      const g = fields(readObject(a, p), p)
      return { tokenStandard: g.token('tokenStandard'), deposited: g.decimal('deposited'), released: g.decimal('released') }
    }),
  }
}

export function anchorFlagFromJSON(v: unknown, path: string): FlagRecord {
  const f = fields(readObject(v, path), path)
  return { flagger: f.address('flagger'), bond: f.decimal('bond'), flaggedAt: f.uint('flaggedAt'), fraudVotes: f.uint('fraudVotes'), clearVotes: f.uint('clearVotes') }
}

export function anchorCommitmentFromJSON(v: unknown, path: string): AnchorCommitment {
  const f = fields(readObject(v, path), path)
  return {
    chainId: f.uint('chainId'),
    index: f.uint('index'),
    l2BlockNumber: f.uint('l2BlockNumber'),
    outputRoot: f.hash('outputRoot'),
    originMomentumHeight: f.uint('originMomentumHeight'),
    originMomentumHash: f.hash('originMomentumHash'),
    lastDepositIndex: f.uint('lastDepositIndex'),
    framesHash: f.hash('framesHash'),
    proposer: f.address('proposer'),
    proposedAt: f.uint('proposedAt'),
    sendHash: f.hash('sendHash'),
    resolverType: f.uint('resolverType'),
    finalizableAt: f.uint('finalizableAt'),
    status: readEnum(f.get('status'), f.at('status'), COMMITMENT_STATUSES),
    flag: readNullable(f.get('flag'), f.at('flag'), anchorFlagFromJSON) ?? undefined,
  }
}

export function anchorDepositFromJSON(v: unknown, path: string): AnchorDeposit {
  const f = fields(readObject(v, path), path)
  const deposit: AnchorDeposit = {
    chainId: f.uint('chainId'),
    index: f.uint('index'),
    sender: f.address('sender'),
    l2Recipient: read0xBytes(f.get('l2Recipient'), f.at('l2Recipient'), 20),
    tokenStandard: f.token('tokenStandard'),
    amount: f.decimal('amount'),
    momentumHeight: f.uint('momentumHeight'),
    momentumHash: f.hash('momentumHash'),
    sendHash: f.hash('sendHash'),
    call: undefined,
  }
  // DepositCall fields (SPEC.md §3.3a): a plain Deposit has gasLimit 0, value "0" and data "0x".
  const gasLimit = f.uint('gasLimit')
  const value = f.decimal('value')
  const data = read0xBytes(f.get('data'), f.at('data'))
  if (gasLimit > 0n) deposit.call = { value, gasLimit, data }
  else if (value !== 0n || data.length !== 0) throw new InvalidJSONError(`${path}: a deposit without gasLimit must have value "0" and data "0x"`)
  return deposit
}

export function anchorFrameFromJSON(v: unknown, path: string): AnchorFrame {
  const f = fields(readObject(v, path), path)
  return {
    chainId: f.uint('chainId'),
    index: f.uint('index'),
    submitter: f.address('submitter'),
    momentumHeight: f.uint('momentumHeight'),
    sendHash: f.hash('sendHash'),
    dataHash: f.hash('dataHash'),
    length: f.uint('length'),
  }
}

function proofFromJSON(v: unknown, path: string): AnchorWithdrawalProof {
  const f = fields(readObject(v, path), path)
  return {
    prover: f.address('prover'),
    commitmentIndex: f.uint('commitmentIndex'),
    outputRoot: f.hash('outputRoot'),
    provenAt: f.uint('provenAt'),
    valid: f.bool('valid'),
    frozen: f.bool('frozen'),
    finalizableAt: f.optionalUint('finalizableAt'),
  }
}

export function anchorWithdrawalFromJSON(v: unknown, path: string): AnchorWithdrawal {
  const f = fields(readObject(v, path), path)
  return {
    chainId: f.uint('chainId'),
    withdrawalHash: f.hash('withdrawalHash'),
    target: f.address('target'),
    tokenStandard: f.token('tokenStandard'),
    amount: f.decimal('amount'),
    status: readEnum(f.get('status'), f.at('status'), WITHDRAWAL_STATUSES),
    finalizableAt: f.optionalUint('finalizableAt'),
    finalizedAt: f.optionalUint('finalizedAt'),
    finalizedBy: readNullable(f.get('finalizedBy'), f.at('finalizedBy'), readAddress) ?? undefined,
    proofs: readArray(f.get('proofs'), f.at('proofs')).map((p, i) => proofFromJSON(p, `${path}.proofs[${i}]`)),
  }
}

function securityInfoFromJSON(v: unknown, path: string, withChain: boolean): AnchorSecurityInfo {
  const f = fields(readObject(v, path), path)
  return {
    administrator: f.address('administrator'),
    administratorDelay: f.uint('administratorDelay'),
    minGuardians: f.uint('minGuardians'),
    chain: withChain
      ? {
          chainId: f.uint('chainId'),
          guardians: f.addresses('guardians'),
          quorum: f.uint('quorum'),
          halted: f.bool('halted'),
          haltedAt: f.uint('haltedAt'),
          unhaltedAt: f.uint('unhaltedAt'),
          unhaltCooldown: f.uint('unhaltCooldown'),
          haltVotes: f.addresses('haltVotes'),
          unhaltVotes: f.addresses('unhaltVotes'),
        }
      : undefined,
  }
}

function pageFromJSON<T>(v: unknown, path: string, item: (v: unknown, path: string) => T): AnchorPage<T> {
  const f = fields(readObject(v, path), path)
  return {
    count: f.uint('count'),
    list: readArray(f.get('list'), f.at('list')).map((x, i) => item(x, `${path}.list[${i}]`)),
    more: f.bool('more'),
  }
}

async function read<T>(client: AnchorRPCClient, method: string, params: unknown[], path: string, decode: (v: unknown, path: string) => T): Promise<T | undefined> {
  const v = await client.call(`${PREFIX}.${method}`, params)
  return v === null ? undefined : decode(v, path)
}

/** `getChain [chainId]`; undefined when the anchor has no such chain. */
export function getChain(client: AnchorRPCClient, chainId: bigint): Promise<AnchorChain | undefined> {
  return read(client, 'getChain', [chainId.toString()], `${PREFIX}.getChain`, anchorChainFromJSON)
}

/** `getChains []`: the ids of every chain, in creation order. */
export async function getChains(client: AnchorRPCClient): Promise<bigint[]> {
  const path = `${PREFIX}.getChains`
  const f = fields(readObject(await client.call(path, []), path), path)
  const list = readArray(f.get('list'), f.at('list')).map((x, i) => readUint(x, `${path}.list[${i}]`))
  const count = f.uint('count')
  if (count !== BigInt(list.length)) throw new InvalidJSONError(`${path}.count: expected ${list.length} (the list's length), got ${count}`)
  return list
}

/** `<method> [chainId, index]` of an indexed record; the answer must carry the asked index. */
async function readIndexed<T extends { index: bigint }>(client: AnchorRPCClient, method: string, chainId: bigint, index: bigint, decode: (v: unknown, path: string) => T): Promise<T | undefined> {
  const path = `${PREFIX}.${method}(${index})`
  const record = await read(client, method, [chainId.toString(), index.toString()], path, decode)
  if (record !== undefined) checkIndex(record.index, index, path)
  return record
}

/** `<method> [chainId, pageIndex, pageSize]`: page p holds indices p·size+1 … (p+1)·size, ascending. */
async function readPage<T>(client: AnchorRPCClient, method: string, chainId: bigint, pageIndex: bigint, pageSize: number, decode: (v: unknown, path: string) => T): Promise<AnchorPage<T>> {
  return pageFromJSON(await client.call(`${PREFIX}.${method}`, [chainId.toString(), Number(pageIndex), pageSize]), `${PREFIX}.${method}(${pageIndex})`, decode)
}

/** `getCommitment [chainId, index]`; undefined when there is none. */
export const getCommitment = (client: AnchorRPCClient, chainId: bigint, index: bigint): Promise<AnchorCommitment | undefined> =>
  readIndexed(client, 'getCommitment', chainId, index, anchorCommitmentFromJSON)

export const getCommitments = (client: AnchorRPCClient, chainId: bigint, pageIndex: bigint, pageSize: number): Promise<AnchorPage<AnchorCommitment>> =>
  readPage(client, 'getCommitments', chainId, pageIndex, pageSize, anchorCommitmentFromJSON)

/** `getDeposit [chainId, index]`; undefined for a missing record. */
export const getDeposit = (client: AnchorRPCClient, chainId: bigint, index: bigint): Promise<AnchorDeposit | undefined> =>
  readIndexed(client, 'getDeposit', chainId, index, anchorDepositFromJSON)

export const getDeposits = (client: AnchorRPCClient, chainId: bigint, pageIndex: bigint, pageSize: number): Promise<AnchorPage<AnchorDeposit>> =>
  readPage(client, 'getDeposits', chainId, pageIndex, pageSize, anchorDepositFromJSON)

/** `getFrame [chainId, index]`; undefined for a missing record. */
export const getFrame = (client: AnchorRPCClient, chainId: bigint, index: bigint): Promise<AnchorFrame | undefined> =>
  readIndexed(client, 'getFrame', chainId, index, anchorFrameFromJSON)

export const getFrames = (client: AnchorRPCClient, chainId: bigint, pageIndex: bigint, pageSize: number): Promise<AnchorPage<AnchorFrame>> =>
  readPage(client, 'getFrames', chainId, pageIndex, pageSize, anchorFrameFromJSON)

/** `getBond [chainId, address]`: the bonded ZNN (0 when none). */
export async function getBond(client: AnchorRPCClient, chainId: bigint, address: Address): Promise<AnchorBond> {
  const path = `${PREFIX}.getBond`
  const f = fields(readObject(await client.call(path, [chainId.toString(), formatAddress(address)]), path), path)
  return { chainId: f.uint('chainId'), address: f.address('address'), amount: f.decimal('amount') }
}

/** `getWithdrawal [chainId, withdrawalHash]`; undefined when it was never proven. */
export function getWithdrawal(client: AnchorRPCClient, chainId: bigint, withdrawalHash: Hash): Promise<AnchorWithdrawal | undefined> {
  return read(client, 'getWithdrawal', [chainId.toString(), toHex(withdrawalHash)], `${PREFIX}.getWithdrawal`, anchorWithdrawalFromJSON)
}

/** `getSecurityInfo []` (anchor-wide) or `[chainId]` (plus that chain's; undefined for an unknown chain). */
export function getSecurityInfo(client: AnchorRPCClient, chainId?: bigint): Promise<AnchorSecurityInfo | undefined> {
  const withChain = chainId !== undefined
  return read(client, 'getSecurityInfo', withChain ? [chainId.toString()] : [], `${PREFIX}.getSecurityInfo`, (v, p) => securityInfoFromJSON(v, p, withChain))
}

/** `getTimeChallengesInfo [chainId]` (chainId 0: the anchor-wide ones). */
export async function getTimeChallengesInfo(client: AnchorRPCClient, chainId: bigint): Promise<AnchorTimeChallenge[]> {
  const path = `${PREFIX}.getTimeChallengesInfo`
  const f = fields(readObject(await client.call(path, [chainId.toString()]), path), path)
  return readArray(f.get('list'), f.at('list')).map((x, i) => {
    const p = `${path}.list[${i}]`
    const g = fields(readObject(x, p), p)
    return { methodName: g.string('methodName'), paramsHash: g.hash('paramsHash'), challengeStartHeight: g.uint('challengeStartHeight'), executableAt: g.uint('executableAt') }
  })
}

/** `getCallFailure [sendHash]`: why an anchor call failed (SPEC.md §3.1); undefined when none is recorded. */
export function getCallFailure(client: AnchorRPCClient, sendHash: Hash): Promise<AnchorCallFailure | undefined> {
  return read(client, 'getCallFailure', [toHex(sendHash)], `${PREFIX}.getCallFailure`, (v, path) => {
    const f = fields(readObject(v, path), path)
    return { sendHash: f.hash('sendHash'), momentumHeight: f.uint('momentumHeight'), method: f.string('method'), error: f.string('error') }
  })
}
