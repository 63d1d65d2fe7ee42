/** A withdrawal's NoM payout in words: "1.5 ZNN to z1…" (ZNN/QSR by their 8 decimals, other tokens via NoM's metadata when a client is at hand). */
import { formatAddress } from '../../nom/address.ts'
import { QSR_ZTS, ZNN_ZTS } from '../../nom/constants.ts'
import type { NoMClient } from '../../nom/rpc/client.ts'
import { formatTokenStandard, parseTokenStandard } from '../../nom/tokenStandard.ts'
import type { Address, TokenStandard } from '../../nom/types.ts'
import { bytesEqual } from '../../nom/hash.ts'
import { formatAmount } from './amount.ts'
import { nomToken } from './tokens.ts'

/** A payout as the L2 node's JSON gives it (nomx_getWithdrawalStatus, nomx_getWithdrawalProof). */
export interface PayoutJSON {
  target: string
  tokenStandard: string
  amount: string
}

/** A payout as the anchor's withdrawal record holds it (contracts/anchor/rpc/client.ts). */
export interface NoMPayout {
  target: Address
  tokenStandard: TokenStandard
  amount: bigint
}

/** `target` is printed as given (the L2 node formats any 20-byte target, even one NoM would not parse). */
export function describePayout(payout: PayoutJSON, client?: NoMClient): Promise<string> {
  return describe(payout.target, parseTokenStandard(payout.tokenStandard), BigInt(payout.amount), client)
}

export function describeNoMPayout(payout: NoMPayout, client?: NoMClient): Promise<string> {
  return describe(formatAddress(payout.target), payout.tokenStandard, payout.amount, client)
}

async function describe(target: string, zts: TokenStandard, amount: bigint, client: NoMClient | undefined): Promise<string> {
  if (bytesEqual(zts, ZNN_ZTS)) return `${formatAmount(amount, 8)} ZNN to ${target}`
  if (bytesEqual(zts, QSR_ZTS)) return `${formatAmount(amount, 8)} QSR to ${target}`
  if (client !== undefined) {
    const token = await nomToken(client, zts)
    return `${formatAmount(amount, token.decimals)} ${token.symbol} (${formatTokenStandard(zts)}) to ${target}`
  }
  return `${amount} base units of ${formatTokenStandard(zts)} to ${target}`
}
