/**
 * Every failure text of the anchor, in one table (SPEC.md lists them per method). Texts shared
 * with go-zenon's vm/constants/errors.go use go-zenon's wording.
 */
import { EmbeddedContractError } from '../../nom/devnet/embedded/types.ts'

export const AnchorErrors = {
  // go-zenon texts
  unpack: 'invalid unpack method data',
  methodNotFound: 'method not found in the abi',
  permissionDenied: 'address cannot call this method',
  invalidTokenOrAmount: 'invalid token or amount',
  notGuardian: 'sender is not a guardian',
  timeChallengeNotDue: 'time challenge not due',
  invalidGuardians: 'invalid guardians',
  // chains and parameters
  invalidChainId: 'invalid chain id',
  chainExists: 'chain already exists',
  chainNotFound: 'chain not found',
  invalidProposer: 'invalid proposer address',
  invalidChallengeWindow: 'challenge window must be positive',
  invalidSequencingWindow: 'sequencing window must exceed deposit confirmations',
  invalidBond: 'bonds must be positive',
  invalidQuorum: 'quorum must be a majority of the guardians',
  invalidAdministrator: 'invalid administrator address',
  // deposits and frames
  invalidRecipient: 'invalid L2 recipient',
  depositGasTooLow: 'deposit gas limit too low',
  depositGasTooHigh: 'deposit gas limit too high',
  depositDataTooLarge: 'deposit data too large',
  frameTooLarge: 'frame data too large',
  frameEmpty: 'frame data empty',
  // bonds
  bondNotFound: 'bond not found',
  proposerCannotUnbond: 'the current proposer cannot withdraw its bond',
  unbondTooEarly: 'latest commitment is still in its challenge window',
  // commitments
  notProposer: 'sender is not the proposer',
  proposerNotBonded: 'proposer is not bonded',
  indexNotNext: 'commitment index is not next',
  l2BlockNotAdvancing: 'l2BlockNumber does not advance',
  originInFuture: 'origin momentum is in the future',
  originBackwards: 'origin momentum goes backwards',
  originNotCanonical: 'origin momentum is not canonical',
  depositIndexBackwards: 'lastDepositIndex goes backwards',
  depositIndexBeyondLast: 'lastDepositIndex beyond the last deposit',
  depositBeyondOrigin: 'lastDepositIndex beyond the origin momentum',
  depositSkipped: 'commitment skips a deposit past the sequencing window',
  commitmentNotFound: 'commitment not found',
  commitmentRootMismatch: 'commitment has another output root',
  // flags
  invalidFlagBond: 'invalid flag bond',
  alreadyFlagged: 'commitment already flagged',
  windowPassed: 'challenge window has passed',
  flagNotFound: 'flag not found',
  alreadyVoted: 'guardian already voted',
  // halts
  alreadyHalted: 'chain already halted',
  notHalted: 'chain not halted',
  halted: 'chain is halted',
  unhaltCooldown: 'chain is in its unhalt cooldown',
  // withdrawals
  unsupportedOutputVersion: 'unsupported output root version',
  outputRootMismatch: 'output root proof does not match the commitment',
  alreadyFinalized: 'withdrawal already finalized',
  alreadyProven: 'withdrawal already proven by this prover',
  invalidStorageProof: 'invalid storage proof',
  notInMessagePasser: 'withdrawal not in the message passer storage',
  invalidTarget: 'withdrawal target is not a NoM address',
  malformedTokenWithdrawal: 'malformed token bridge withdrawal',
  notProven: 'withdrawal not proven',
  notProvenByProver: 'withdrawal not proven by this prover',
  provenCommitmentGone: 'proven commitment no longer exists',
  commitmentFlagged: 'commitment is flagged',
  windowNotPassed: 'challenge window has not passed',
  releaseExceedsDeposits: 'release exceeds the deposited total',
} as const

export type AnchorErrorText = (typeof AnchorErrors)[keyof typeof AnchorErrors]

/** Throws the contract failure with one of the table's texts. */
export function fail(text: AnchorErrorText, detail?: string): never {
  throw new EmbeddedContractError(detail === undefined ? text : `${text}: ${detail}`)
}
