/**
 * The anchor and token reads the watcher needs, decoded from go-zenon JSON (contracts/anchor/SPEC.md §7):
 * `embedded.anchor.getChain` (depositConfirmations, createdAt, depositCount), `embedded.anchor.getDeposit`
 * (decoded by contracts/anchor/rpc/client.ts) and `embedded.token.getByZts`. A malformed answer is an
 * InvalidJSONError (the watcher retries).
 */
import type { Hash, TokenStandard } from '../../nom/types.ts'
import type { NoMClient } from '../../nom/rpc/client.ts'
import { tokenInfoFromJSON } from '../../nom/json.ts'
import { formatTokenStandard } from '../../nom/tokenStandard.ts'
import { getChain, getDeposit, type AnchorChain } from '../../contracts/anchor/rpc/client.ts'
import type { AnchorDeposit, TokenMetadata } from './depositTransaction.ts'

/** The parts of the anchor's chain record the watcher reads (createdAt: the momentum that confirmed CreateChain, so no deposit of the chain is older). */
export type AnchorChainInfo = Pick<AnchorChain, 'depositConfirmations' | 'createdAt' | 'depositCount'>

export interface AnchorDepositWithSend extends AnchorDeposit {
  sendHash: Hash
}

/** `embedded.anchor.getChain [chainId]`; undefined when the chain does not exist (yet). */
export function readAnchorChain(client: NoMClient, chainId: bigint): Promise<AnchorChainInfo | undefined> {
  return getChain(client, chainId)
}

/** `embedded.anchor.getDeposit [chainId, index]`; undefined for a missing record. */
export async function readAnchorDeposit(client: NoMClient, chainId: bigint, index: bigint): Promise<AnchorDepositWithSend | undefined> {
  const d = await getDeposit(client, chainId, index)
  if (d === undefined) return undefined
  const deposit: AnchorDepositWithSend = {
    index: d.index,
    sender: d.sender,
    l2Recipient: d.l2Recipient,
    tokenStandard: d.tokenStandard,
    amount: d.amount,
    momentumHeight: d.momentumHeight,
    momentumHash: d.momentumHash,
    sendHash: d.sendHash,
  }
  if (d.call !== undefined) deposit.call = d.call
  return deposit
}

/** `embedded.token.getByZts [zts]` → the metadata a ZTS deposit carries; undefined for an unknown token. */
export async function readTokenMetadata(client: NoMClient, zts: TokenStandard): Promise<TokenMetadata | undefined> {
  const v = await client.call('embedded.token.getByZts', [formatTokenStandard(zts)])
  if (v === null) return undefined
  const info = tokenInfoFromJSON(v, 'embedded.token.getByZts')
  return { name: info.name, symbol: info.symbol, decimals: info.decimals }
}
