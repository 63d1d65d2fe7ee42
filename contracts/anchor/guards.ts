/** Checks several methods share. Each throws the contract failure with its table text. */
import type { Address, Momentum } from '../../nom/types.ts'
import { bytesEqual } from '../../nom/hash.ts'
import { AnchorErrors, fail } from './errors.ts'
import type { ChainRecord, CommitmentRecord } from './records.ts'
import type { AnchorReader } from './state.ts'

export async function requireChain(state: AnchorReader, chainId: bigint): Promise<ChainRecord> {
  const chain = await state.chain(chainId)
  if (chain === undefined) fail(AnchorErrors.chainNotFound)
  return chain
}

export async function requireAdministrator(state: AnchorReader, sender: Address): Promise<void> {
  if (!bytesEqual(await state.administrator(), sender)) fail(AnchorErrors.permissionDenied)
}

export function isGuardian(chain: ChainRecord, who: Address): boolean {
  return chain.guardians.some((g) => bytesEqual(g, who))
}

/** Halts block proving and finalizing; after an unhalt they stay closed until unhaltedAt + cooldown < now. */
export function requireWithdrawalsOpen(chain: ChainRecord, now: Momentum): void {
  if (chain.halted) fail(AnchorErrors.halted)
  if (chain.unhaltedAt > 0n && !(chain.unhaltedAt + chain.unhaltCooldown < now.height)) fail(AnchorErrors.unhaltCooldown)
}

/** First momentum height at which the commitment is past its challenge window. */
export function finalizableAt(chain: ChainRecord, commitment: CommitmentRecord): bigint {
  return commitment.proposedAt + chain.challengeWindow + 1n
}

export function isPastWindow(chain: ChainRecord, commitment: CommitmentRecord, now: Momentum): boolean {
  return now.height >= finalizableAt(chain, commitment)
}
