/**
 * What a proven withdrawal pays on NoM. From the L2 token bridge (sender 0x4200…0010) with
 * data = abi.encode(bytes10 zts, uint256 amount) (64 bytes; the ZTS left-aligned in its word, the
 * other 22 bytes zero) and value 0: that ZTS amount. From anyone else: ZNN, value / 10^10
 * (L2 wei → NoM base units; the remainder below one base unit is not paid). The target is the
 * 20 raw bytes of a NoM address (type byte 0x00 or 0x01).
 */
import type { Address, TokenStandard } from '../../nom/types.ts'
import { isEmbeddedAddress, isUserAddress } from '../../nom/address.ts'
import { ZNN_ZTS } from '../../nom/constants.ts'
import { bytesEqual, bytesToBigInt } from '../../nom/hash.ts'
import { L2_TOKEN_BRIDGE, WEI_PER_ZNN_UNIT } from './constants.ts'
import { AnchorErrors, fail } from './errors.ts'
import type { WithdrawalTransaction } from './withdrawalHash.ts'

export interface WithdrawalPayout {
  target: Address
  tokenStandard: TokenStandard
  amount: bigint
}

export function withdrawalPayout(w: WithdrawalTransaction): WithdrawalPayout {
  if (!isUserAddress(w.target) && !isEmbeddedAddress(w.target)) fail(AnchorErrors.invalidTarget)
  if (bytesEqual(w.sender, L2_TOKEN_BRIDGE)) {
    if (w.value !== 0n || w.data.length !== 64 || w.data.subarray(10, 32).some((b) => b !== 0)) fail(AnchorErrors.malformedTokenWithdrawal)
    return { target: w.target, tokenStandard: w.data.slice(0, 10), amount: bytesToBigInt(w.data.subarray(32, 64)) }
  }
  return { target: w.target, tokenStandard: ZNN_ZTS, amount: w.value / WEI_PER_ZNN_UNIT }
}
