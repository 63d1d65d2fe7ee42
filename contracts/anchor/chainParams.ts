/** Static validation of chain parameters and guardian sets (CreateChain, SetChainParams, NominateGuardians). */
import type { Address } from '../../nom/types.ts'
import { isUserAddress } from '../../nom/address.ts'
import { toHex } from '../../nom/hash.ts'
import { MIN_GUARDIANS } from './constants.ts'
import { AnchorErrors, fail } from './errors.ts'

export interface ChainParams {
  challengeWindow: bigint
  sequencingWindow: bigint
  depositConfirmations: bigint
  proposerBond: bigint
  flagBond: bigint
  unhaltCooldown: bigint
}

export function checkChainParams(p: ChainParams): void {
  if (p.challengeWindow === 0n) fail(AnchorErrors.invalidChallengeWindow)
  if (p.sequencingWindow <= p.depositConfirmations) fail(AnchorErrors.invalidSequencingWindow)
  if (p.proposerBond === 0n || p.flagBond === 0n) fail(AnchorErrors.invalidBond)
}

/** ≥ 5 distinct user addresses; quorum a strict majority (2·quorum > n) and ≤ n. */
export function checkGuardians(guardians: readonly Address[], quorum: bigint): void {
  if (guardians.length < MIN_GUARDIANS) fail(AnchorErrors.invalidGuardians)
  const seen = new Set<string>()
  for (const g of guardians) {
    if (!isUserAddress(g)) fail(AnchorErrors.invalidGuardians)
    const hex = toHex(g)
    if (seen.has(hex)) fail(AnchorErrors.invalidGuardians)
    seen.add(hex)
  }
  const n = BigInt(guardians.length)
  if (quorum * 2n <= n || quorum > n) fail(AnchorErrors.invalidQuorum)
}

export function checkProposer(proposer: Address): void {
  if (!isUserAddress(proposer)) fail(AnchorErrors.invalidProposer)
}
