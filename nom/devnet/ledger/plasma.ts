/**
 * Plasma accounting as go-zenon's vm/plasma.go (pre-Dynamic-Plasma): fused QSR → plasma, base
 * plasma of a block, PoW plasma, and the plasma still available to an account.
 */
import type { AccountBlock } from '../../types.ts'
import { BlockType } from '../../types.ts'
import { isEmbeddedAddress } from '../../address.ts'
import {
  ACCOUNT_BLOCK_BASE_PLASMA,
  DIFFICULTY_PER_PLASMA,
  FUSION_UNIT,
  MAX_DATA_LENGTH,
  MAX_DIFFICULTY,
  MAX_FUSION_UNITS_PER_ACCOUNT,
  MAX_FUSED_PLASMA_PER_ACCOUNT,
  MAX_POW_PLASMA_PER_BLOCK,
  PLASMA_PER_DATA_BYTE,
  PLASMA_PER_FUSION_UNIT,
} from '../../constants.ts'
import type { ContractRegistry } from '../embedded/registry.ts'
import { ErrorText } from '../errorTexts.ts'
import { LedgerError } from '../errors.ts'

/** FussedAmountToPlasma: whole QSR units × 2,100, capped at 5,000 units. */
export function fusedAmountToPlasma(qsr: bigint): bigint {
  if (qsr <= 0n) return 0n
  if (qsr >= FUSION_UNIT * MAX_FUSION_UNITS_PER_ACCOUNT) return MAX_FUSED_PLASMA_PER_ACCOUNT
  return (qsr / FUSION_UNIT) * PLASMA_PER_FUSION_UNIT
}

/** DifficultyToPlasma: difficulty / 1500, capped at the per-block PoW maximum. */
export function difficultyToPlasma(difficulty: bigint): bigint {
  if (difficulty === 0n) return 0n
  if (difficulty > MAX_DIFFICULTY) return MAX_POW_PLASMA_PER_BLOCK
  return difficulty / DIFFICULTY_PER_PLASMA
}

/**
 * GetBasePlasmaForAccountBlock; an embedded method's cost is its `plasmaFor(data)` when it has one,
 * else its fixed `plasma`. Throws LedgerError with go-zenon's text when the data is too big
 * for a plain send or the call names no embedded contract/method.
 */
export function basePlasma(
  registry: ContractRegistry,
  block: Pick<AccountBlock, 'address' | 'blockType' | 'toAddress' | 'data'>,
): bigint {
  if (isEmbeddedAddress(block.address)) return 0n
  if (block.blockType === BlockType.UserReceive || block.blockType === BlockType.ContractReceive || block.blockType === BlockType.GenesisReceive) {
    return ACCOUNT_BLOCK_BASE_PLASMA
  }
  if (!isEmbeddedAddress(block.toAddress)) {
    if (block.data.length > MAX_DATA_LENGTH) throw new LedgerError(ErrorText.dataTooBig)
    return BigInt(block.data.length) * PLASMA_PER_DATA_BYTE + ACCOUNT_BLOCK_BASE_PLASMA
  }
  const found = registry.lookup(block.toAddress, block.data)
  if (found.kind === 'noContract') throw new LedgerError(ErrorText.contractDoesntExist)
  if (found.kind === 'noMethod') throw new LedgerError(ErrorText.contractMethodNotFound)
  return found.method.plasmaFor === undefined ? found.method.plasma : found.method.plasmaFor(block.data)
}

/** Available plasma: fused plasma minus what the account's unconfirmed blocks use (never below 0). */
export function availablePlasma(fusedQsr: bigint, pendingFusedPlasma: bigint): bigint {
  const a = fusedAmountToPlasma(fusedQsr) - pendingFusedPlasma
  return a < 0n ? 0n : a
}
