/**
 * The anchor's Zenon ABI: method signatures (SHA3-256 selectors) and typed encoders/decoders of
 * their arguments. Zenon's ABI has no tuples, so the OP `WithdrawalTransaction` and
 * `OutputRootProof` structs are flattened into the ProveWithdrawal arguments.
 *
 * L2 (EVM) addresses are `bytes20`: 20 raw bytes, no NoM type-byte rules (a Zenon `address` must
 * start with 0x00/0x01 and shows as bech32 `z1…`, which an EVM address is not).
 */
import { ABIError } from '../../nom/errors.ts'
import type { ABIValue } from '../../nom/abi.ts'
import { decodeCall, decodeVariable, encodeCall, encodeVariable, parseSignature, selector } from '../../nom/abi.ts'
import { bytesEqual } from '../../nom/hash.ts'
import type { Address, Hash } from '../../nom/types.ts'
import { AnchorErrors, fail } from './errors.ts'

type Fields<T> = readonly (readonly [keyof T & string, string])[]

export interface CallCodec<T> {
  name: string
  signature: string
  selector: Uint8Array
  encode(args: T): Uint8Array
  /** Strict decode; a non-canonical or short encoding fails with go-zenon's unpack text. */
  decode(data: Uint8Array): T
}

function toObject<T>(fields: Fields<T>, values: ABIValue[]): T {
  const out: Record<string, ABIValue> = {}
  fields.forEach(([k], i) => {
    out[k] = values[i]!
  })
  return out as T
}

function fromObject<T>(fields: Fields<T>, args: T): ABIValue[] {
  return fields.map(([k]) => (args as Record<string, ABIValue>)[k]!)
}

function callCodec<T>(name: string, fields: Fields<T>): CallCodec<T> {
  const signature = `${name}(${fields.map(([, t]) => t).join(',')})`
  parseSignature(signature)
  return {
    name,
    signature,
    selector: selector(signature),
    encode: (args) => encodeCall(signature, fromObject(fields, args)),
    decode: (data) => {
      try {
        return toObject(fields, decodeCall(signature, data))
      } catch (e) {
        if (e instanceof ABIError) fail(AnchorErrors.unpack)
        throw e
      }
    },
  }
}

export interface RecordCodec<T> {
  types: readonly string[]
  encode(value: T): Uint8Array
  decode(data: Uint8Array): T
}

/** A stored value: an ABI tuple without selector (a go-zenon "variable"). */
export function recordCodec<T>(fields: Fields<T>): RecordCodec<T> {
  const types = fields.map(([, t]) => t)
  return {
    types,
    encode: (value) => encodeVariable(types, fromObject(fields, value)),
    decode: (data) => toObject(fields, decodeVariable(types, data)),
  }
}

// ---- arguments ---------------------------------------------------------------------------

export interface CreateChainArgs {
  chainId: bigint
  proposer: Address
  challengeWindow: bigint
  sequencingWindow: bigint
  depositConfirmations: bigint
  guardians: Address[]
  quorum: bigint
  proposerBond: bigint
  flagBond: bigint
  unhaltCooldown: bigint
}
export interface ChainIdArgs {
  chainId: bigint
}
export interface DepositArgs {
  chainId: bigint
  l2Recipient: Uint8Array
}
/** DepositCall: an L2 call from the sender's L2 address (OP's depositTransaction without contract creation). */
export interface DepositCallArgs {
  chainId: bigint
  /** 20-byte L2 address called. */
  to: Uint8Array
  /** Wei sent with the call, from the sender's L2 balance after the mint. */
  value: bigint
  /** L2 gas of the call (bought on NoM: no L2 fee). */
  gasLimit: bigint
  data: Uint8Array
}
export interface SubmitFrameArgs {
  chainId: bigint
  data: Uint8Array
}
export interface ProposeCommitmentArgs {
  chainId: bigint
  index: bigint
  l2BlockNumber: bigint
  outputRoot: Hash
  originMomentumHeight: bigint
  originMomentumHash: Hash
  lastDepositIndex: bigint
  framesHash: Hash
}
/**
 * A commitment as a flag or a vote names it: its index and the output root it commits. A fraud
 * verdict deletes commitments and the next proposals reuse their indices, so the index alone could
 * name a newer commitment than the one the sender judged.
 */
export interface CommitmentRefArgs {
  chainId: bigint
  index: bigint
  outputRoot: Hash
}
export interface ResolveFlagArgs extends CommitmentRefArgs {
  fraud: boolean
}
export interface ProveWithdrawalArgs {
  chainId: bigint
  commitmentIndex: bigint
  nonce: bigint
  sender: Uint8Array
  target: Uint8Array
  value: bigint
  gasLimit: bigint
  data: Uint8Array
  version: Hash
  stateRoot: Hash
  messagePasserStorageRoot: Hash
  latestBlockhash: Hash
  storageProof: Uint8Array[]
}
export interface FinalizeWithdrawalArgs {
  chainId: bigint
  withdrawalHash: Hash
  prover: Address
}
export interface ChangeAdministratorArgs {
  administrator: Address
}
export interface NominateGuardiansArgs {
  chainId: bigint
  guardians: Address[]
  quorum: bigint
}
export interface SetChainParamsArgs {
  chainId: bigint
  challengeWindow: bigint
  sequencingWindow: bigint
  depositConfirmations: bigint
  proposerBond: bigint
  flagBond: bigint
  unhaltCooldown: bigint
}
export interface ChangeProposerArgs {
  chainId: bigint
  proposer: Address
}

/** CreateChain's arguments, in order; the stored chain record starts with the same fields. */
export const CHAIN_PARAMETER_FIELDS = [
  ['chainId', 'uint64'],
  ['proposer', 'address'],
  ['challengeWindow', 'uint64'],
  ['sequencingWindow', 'uint64'],
  ['depositConfirmations', 'uint64'],
  ['guardians', 'address[]'],
  ['quorum', 'uint32'],
  ['proposerBond', 'uint256'],
  ['flagBond', 'uint256'],
  ['unhaltCooldown', 'uint64'],
] as const satisfies Fields<CreateChainArgs>

export const CreateChainABI = callCodec<CreateChainArgs>('CreateChain', CHAIN_PARAMETER_FIELDS)
export const DepositABI = callCodec<DepositArgs>('Deposit', [
  ['chainId', 'uint64'],
  ['l2Recipient', 'bytes20'],
])
export const DepositCallABI = callCodec<DepositCallArgs>('DepositCall', [
  ['chainId', 'uint64'],
  ['to', 'bytes20'],
  ['value', 'uint256'],
  ['gasLimit', 'uint64'],
  ['data', 'bytes'],
])
export const SubmitFrameABI = callCodec<SubmitFrameArgs>('SubmitFrame', [
  ['chainId', 'uint64'],
  ['data', 'bytes'],
])
export const ProposeCommitmentABI = callCodec<ProposeCommitmentArgs>('ProposeCommitment', [
  ['chainId', 'uint64'],
  ['index', 'uint64'],
  ['l2BlockNumber', 'uint64'],
  ['outputRoot', 'hash'],
  ['originMomentumHeight', 'uint64'],
  ['originMomentumHash', 'hash'],
  ['lastDepositIndex', 'uint64'],
  ['framesHash', 'hash'],
])
export const PostBondABI = callCodec<ChainIdArgs>('PostBond', [['chainId', 'uint64']])
export const WithdrawBondABI = callCodec<ChainIdArgs>('WithdrawBond', [['chainId', 'uint64']])
export const FlagABI = callCodec<CommitmentRefArgs>('Flag', [
  ['chainId', 'uint64'],
  ['index', 'uint64'],
  ['outputRoot', 'hash'],
])
export const ResolveFlagABI = callCodec<ResolveFlagArgs>('ResolveFlag', [
  ['chainId', 'uint64'],
  ['index', 'uint64'],
  ['outputRoot', 'hash'],
  ['fraud', 'bool'],
])
export const ProveWithdrawalABI = callCodec<ProveWithdrawalArgs>('ProveWithdrawal', [
  ['chainId', 'uint64'],
  ['commitmentIndex', 'uint64'],
  ['nonce', 'uint256'],
  ['sender', 'bytes20'],
  ['target', 'bytes20'],
  ['value', 'uint256'],
  ['gasLimit', 'uint256'],
  ['data', 'bytes'],
  ['version', 'hash'],
  ['stateRoot', 'hash'],
  ['messagePasserStorageRoot', 'hash'],
  ['latestBlockhash', 'hash'],
  ['storageProof', 'bytes[]'],
])
export const FinalizeWithdrawalABI = callCodec<FinalizeWithdrawalArgs>('FinalizeWithdrawal', [
  ['chainId', 'uint64'],
  ['withdrawalHash', 'hash'],
  ['prover', 'address'],
])
export const HaltABI = callCodec<ChainIdArgs>('Halt', [['chainId', 'uint64']])
export const UnhaltABI = callCodec<ChainIdArgs>('Unhalt', [['chainId', 'uint64']])
export const ChangeAdministratorABI = callCodec<ChangeAdministratorArgs>('ChangeAdministrator', [['administrator', 'address']])
export const NominateGuardiansABI = callCodec<NominateGuardiansArgs>('NominateGuardians', [
  ['chainId', 'uint64'],
  ['guardians', 'address[]'],
  ['quorum', 'uint32'],
])
export const SetChainParamsABI = callCodec<SetChainParamsArgs>('SetChainParams', [
  ['chainId', 'uint64'],
  ['challengeWindow', 'uint64'],
  ['sequencingWindow', 'uint64'],
  ['depositConfirmations', 'uint64'],
  ['proposerBond', 'uint256'],
  ['flagBond', 'uint256'],
  ['unhaltCooldown', 'uint64'],
])
export const ChangeProposerABI = callCodec<ChangeProposerArgs>('ChangeProposer', [
  ['chainId', 'uint64'],
  ['proposer', 'address'],
])

/** Every method of the anchor, for SPEC.md, selector tables and clients. */
export const ANCHOR_ABI = [
  CreateChainABI,
  DepositABI,
  DepositCallABI,
  SubmitFrameABI,
  ProposeCommitmentABI,
  PostBondABI,
  WithdrawBondABI,
  FlagABI,
  ResolveFlagABI,
  ProveWithdrawalABI,
  FinalizeWithdrawalABI,
  HaltABI,
  UnhaltABI,
  ChangeAdministratorABI,
  NominateGuardiansABI,
  SetChainParamsABI,
  ChangeProposerABI,
] as const

/** The codec whose selector starts `data`, or undefined. */
export function findMethod(data: Uint8Array): CallCodec<unknown> | undefined {
  if (data.length < 4) return undefined
  const head = data.subarray(0, 4)
  return (ANCHOR_ABI as readonly CallCodec<unknown>[]).find((m) => bytesEqual(m.selector, head))
}
