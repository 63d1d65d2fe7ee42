/** A withdrawal's NoM payout in words: "1.5 ZNN to z1…" (ZNN/QSR by their 8 decimals, other tokens via NoM's metadata when a client is at hand). */
import { QSR_ZTS, ZNN_ZTS } from '../../nom/constants.ts'
import type { NoMClient } from '../../nom/rpc/client.ts'
import { formatTokenStandard, parseTokenStandard } from '../../nom/tokenStandard.ts'
import { bytesEqual } from '../../nom/hash.ts'
import { formatAmount } from './amount.ts'
import { nomToken } from './tokens.ts'

export interface PayoutJSON {
  target: string
  tokenStandard: string
  amount: string
}

export async function describePayout(payout: PayoutJSON, client?: NoMClient): Promise<string> {
  const zts = parseTokenStandard(payout.tokenStandard)
  const amount = BigInt(payout.amount)
  if (bytesEqual(zts, ZNN_ZTS)) return `${formatAmount(amount, 8)} ZNN to ${payout.target}`
  if (bytesEqual(zts, QSR_ZTS)) return `${formatAmount(amount, 8)} QSR to ${payout.target}`
  if (client !== undefined) {
    const token = await nomToken(client, zts)
    return `${formatAmount(amount, token.decimals)} ${token.symbol} (${formatTokenStandard(zts)}) to ${payout.target}`
  }
  return `${amount} base units of ${formatTokenStandard(zts)} to ${payout.target}`
}
