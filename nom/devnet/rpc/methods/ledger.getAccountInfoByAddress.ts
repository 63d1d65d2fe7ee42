/** ledger.getAccountInfoByAddress [address] → {address, accountHeight, balanceInfoMap} (unconfirmed included). */
import type { RPCMethod } from '../context.ts'
import { addressParam } from '../params.ts'
import { accountInfoToJSON } from '../../../json.ts'
import type { BalanceInfo } from '../../../json.ts'

export const ledger_getAccountInfoByAddress: RPCMethod = async (ctx, params) => {
  const address = addressParam(params, 0)
  const frontier = await ctx.ledger.frontierBlock(address)
  const balances: BalanceInfo[] = []
  for (const [zts, balance] of await ctx.ledger.balances(address)) {
    const token = await ctx.ledger.chain.tokenInfo(zts)
    if (token === undefined) continue
    balances.push({ tokenStandard: zts, token, balance })
  }
  return accountInfoToJSON({ address, accountHeight: frontier?.height ?? 0n, balances })
}
