/**
 * Every storage key of the anchor: one prefix byte, then fixed-width fields (u64 big-endian,
 * 20-byte addresses, 10-byte token standards, 32-byte hashes, 4-byte selectors). Prefix scans
 * (entries(prefix)) return keys in ascending byte order, so u64 fields sort numerically.
 */
import { concatBytes, u64be } from '../../nom/hash.ts'
import type { Address, Hash, TokenStandard } from '../../nom/types.ts'

export const KeyPrefix = {
  /** administrator of the whole anchor (absent = the configured initial administrator) */
  administrator: 1,
  /** chainId → chain record */
  chain: 2,
  /** chainId ‖ depositIndex → deposit record */
  deposit: 3,
  /** chainId ‖ zts → asset totals (deposited, released) */
  asset: 4,
  /** chainId ‖ frameIndex → frame record */
  frame: 5,
  /** chainId ‖ commitmentIndex → commitment record */
  commitment: 6,
  /** chainId ‖ bonder → bond record (ZNN) */
  bond: 7,
  /** chainId ‖ commitmentIndex → open flag record */
  flag: 8,
  /** chainId ‖ commitmentIndex ‖ guardian → flag vote */
  flagVote: 9,
  /** chainId ‖ action (0 halt, 1 unhalt) ‖ guardian → halt vote */
  haltVote: 10,
  /** chainId ‖ withdrawalHash → withdrawal record (payout + finalization) */
  withdrawal: 11,
  /** chainId ‖ withdrawalHash ‖ prover → proven-withdrawal record */
  provenWithdrawal: 12,
  /** chainId ‖ selector → time challenge (chainId 0 for anchor-wide methods) */
  timeChallenge: 13,
} as const

function key(prefix: number, ...parts: Uint8Array[]): Uint8Array {
  return concatBytes(Uint8Array.of(prefix), ...parts)
}

export const administratorKey = (): Uint8Array => key(KeyPrefix.administrator)
export const chainKey = (chainId: bigint): Uint8Array => key(KeyPrefix.chain, u64be(chainId))
export const chainsPrefix = (): Uint8Array => key(KeyPrefix.chain)
export const depositKey = (chainId: bigint, index: bigint): Uint8Array => key(KeyPrefix.deposit, u64be(chainId), u64be(index))
export const assetKey = (chainId: bigint, zts: TokenStandard): Uint8Array => key(KeyPrefix.asset, u64be(chainId), zts)
export const assetsPrefix = (chainId: bigint): Uint8Array => key(KeyPrefix.asset, u64be(chainId))
export const frameKey = (chainId: bigint, index: bigint): Uint8Array => key(KeyPrefix.frame, u64be(chainId), u64be(index))
export const commitmentKey = (chainId: bigint, index: bigint): Uint8Array => key(KeyPrefix.commitment, u64be(chainId), u64be(index))
export const bondKey = (chainId: bigint, bonder: Address): Uint8Array => key(KeyPrefix.bond, u64be(chainId), bonder)
export const flagKey = (chainId: bigint, index: bigint): Uint8Array => key(KeyPrefix.flag, u64be(chainId), u64be(index))
export const flagsPrefix = (chainId: bigint): Uint8Array => key(KeyPrefix.flag, u64be(chainId))
export const flagVoteKey = (chainId: bigint, index: bigint, guardian: Address): Uint8Array =>
  key(KeyPrefix.flagVote, u64be(chainId), u64be(index), guardian)
export const flagVotesPrefix = (chainId: bigint, index?: bigint): Uint8Array =>
  index === undefined ? key(KeyPrefix.flagVote, u64be(chainId)) : key(KeyPrefix.flagVote, u64be(chainId), u64be(index))
export const HaltAction = { halt: 0, unhalt: 1 } as const
export type HaltAction = (typeof HaltAction)[keyof typeof HaltAction]
export const haltVoteKey = (chainId: bigint, action: HaltAction, guardian: Address): Uint8Array =>
  key(KeyPrefix.haltVote, u64be(chainId), Uint8Array.of(action), guardian)
export const haltVotesPrefix = (chainId: bigint, action?: HaltAction): Uint8Array =>
  action === undefined ? key(KeyPrefix.haltVote, u64be(chainId)) : key(KeyPrefix.haltVote, u64be(chainId), Uint8Array.of(action))
export const withdrawalKey = (chainId: bigint, hash: Hash): Uint8Array => key(KeyPrefix.withdrawal, u64be(chainId), hash)
export const provenWithdrawalKey = (chainId: bigint, hash: Hash, prover: Address): Uint8Array =>
  key(KeyPrefix.provenWithdrawal, u64be(chainId), hash, prover)
export const provenWithdrawalsPrefix = (chainId: bigint, hash: Hash): Uint8Array => key(KeyPrefix.provenWithdrawal, u64be(chainId), hash)
export const timeChallengeKey = (chainId: bigint, methodSelector: Uint8Array): Uint8Array =>
  key(KeyPrefix.timeChallenge, u64be(chainId), methodSelector)
export const timeChallengesPrefix = (chainId: bigint): Uint8Array => key(KeyPrefix.timeChallenge, u64be(chainId))
