/** Stored values of the anchor: ABI tuples without selector, one codec per record kind. */
import type { Address, Hash, TokenStandard } from '../../nom/types.ts'
import { CHAIN_PARAMETER_FIELDS, recordCodec, type CreateChainArgs } from './abi.ts'

/** A chain as stored: the parameters it was created with (or last set to), plus its live status. */
export interface ChainRecord extends CreateChainArgs {
  halted: boolean
  /** momentum height of the last halt (0 = never) */
  haltedAt: bigint
  /** momentum height of the last unhalt (0 = never) */
  unhaltedAt: bigint
  depositCount: bigint
  frameCount: bigint
  /** index the next commitment must carry (commitments start at 1) */
  nextCommitmentIndex: bigint
  /** ZNN of cleared flags the anchor kept */
  forfeitedFlagBonds: bigint
  createdAt: bigint
}

export const ChainCodec = recordCodec<ChainRecord>([
  ...CHAIN_PARAMETER_FIELDS,
  ['halted', 'bool'],
  ['haltedAt', 'uint64'],
  ['unhaltedAt', 'uint64'],
  ['depositCount', 'uint64'],
  ['frameCount', 'uint64'],
  ['nextCommitmentIndex', 'uint64'],
  ['forfeitedFlagBonds', 'uint256'],
  ['createdAt', 'uint64'],
])

export interface DepositRecord {
  sender: Address
  l2Recipient: Uint8Array
  tokenStandard: TokenStandard
  amount: bigint
  momentumHeight: bigint
  momentumHash: Hash
  sendHash: Hash
  /** DepositCall only (0 for Deposit): wei sent with the L2 call. */
  value: bigint
  /** DepositCall only (0 for Deposit, whose L2 gas is fixed by the derivation): L2 gas of the call. */
  gasLimit: bigint
  /** DepositCall only (empty for Deposit): the L2 call data. */
  data: Uint8Array
}

export const DepositCodec = recordCodec<DepositRecord>([
  ['sender', 'address'],
  ['l2Recipient', 'bytes20'],
  ['tokenStandard', 'tokenStandard'],
  ['amount', 'uint256'],
  ['momentumHeight', 'uint64'],
  ['momentumHash', 'hash'],
  ['sendHash', 'hash'],
  ['value', 'uint256'],
  ['gasLimit', 'uint64'],
  ['data', 'bytes'],
])

export interface AssetRecord {
  deposited: bigint
  released: bigint
}

export const AssetCodec = recordCodec<AssetRecord>([
  ['deposited', 'uint256'],
  ['released', 'uint256'],
])

export interface FrameRecord {
  submitter: Address
  momentumHeight: bigint
  sendHash: Hash
  /** SHA3-256 of the frame bytes */
  dataHash: Hash
  length: bigint
}

export const FrameCodec = recordCodec<FrameRecord>([
  ['submitter', 'address'],
  ['momentumHeight', 'uint64'],
  ['sendHash', 'hash'],
  ['dataHash', 'hash'],
  ['length', 'uint32'],
])

export interface CommitmentRecord {
  l2BlockNumber: bigint
  outputRoot: Hash
  originMomentumHeight: bigint
  originMomentumHash: Hash
  lastDepositIndex: bigint
  framesHash: Hash
  proposer: Address
  proposedAt: bigint
  sendHash: Hash
  /** who decides disputes about it: 0 = guardian quorum */
  resolverType: bigint
}

export const CommitmentCodec = recordCodec<CommitmentRecord>([
  ['l2BlockNumber', 'uint64'],
  ['outputRoot', 'hash'],
  ['originMomentumHeight', 'uint64'],
  ['originMomentumHash', 'hash'],
  ['lastDepositIndex', 'uint64'],
  ['framesHash', 'hash'],
  ['proposer', 'address'],
  ['proposedAt', 'uint64'],
  ['sendHash', 'hash'],
  ['resolverType', 'uint8'],
])

export interface BondRecord {
  amount: bigint
}

export const BondCodec = recordCodec<BondRecord>([['amount', 'uint256']])

export interface FlagRecord {
  flagger: Address
  bond: bigint
  flaggedAt: bigint
  fraudVotes: bigint
  clearVotes: bigint
}

export const FlagCodec = recordCodec<FlagRecord>([
  ['flagger', 'address'],
  ['bond', 'uint256'],
  ['flaggedAt', 'uint64'],
  ['fraudVotes', 'uint32'],
  ['clearVotes', 'uint32'],
])

export interface VoteRecord {
  fraud: boolean
}

export const VoteCodec = recordCodec<VoteRecord>([['fraud', 'bool']])

export interface HaltVoteRecord {
  votedAt: bigint
}

export const HaltVoteCodec = recordCodec<HaltVoteRecord>([['votedAt', 'uint64']])

export interface WithdrawalRecord {
  target: Address
  tokenStandard: TokenStandard
  amount: bigint
  finalized: boolean
  finalizedAt: bigint
  finalizedBy: Address
}

export const WithdrawalCodec = recordCodec<WithdrawalRecord>([
  ['target', 'address'],
  ['tokenStandard', 'tokenStandard'],
  ['amount', 'uint256'],
  ['finalized', 'bool'],
  ['finalizedAt', 'uint64'],
  ['finalizedBy', 'address'],
])

export interface ProvenWithdrawalRecord {
  commitmentIndex: bigint
  outputRoot: Hash
  provenAt: bigint
}

export const ProvenWithdrawalCodec = recordCodec<ProvenWithdrawalRecord>([
  ['commitmentIndex', 'uint64'],
  ['outputRoot', 'hash'],
  ['provenAt', 'uint64'],
])

export interface TimeChallengeRecord {
  methodName: string
  paramsHash: Hash
  challengeStartHeight: bigint
}

export const TimeChallengeCodec = recordCodec<TimeChallengeRecord>([
  ['methodName', 'string'],
  ['paramsHash', 'hash'],
  ['challengeStartHeight', 'uint64'],
])

export interface AdministratorRecord {
  administrator: Address
}

export const AdministratorCodec = recordCodec<AdministratorRecord>([['administrator', 'address']])
