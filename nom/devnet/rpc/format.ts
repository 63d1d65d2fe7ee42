/** RPC read forms: a block with go-zenon's token / confirmationDetail / pairedAccountBlock. */
import type { AccountBlock, ConfirmationDetail, TokenInfo } from '../../types.ts'
import { BlockType } from '../../types.ts'
import type { AccountBlockWithExtras } from '../../json.ts'
import type { Ledger } from '../ledger/ledger.ts'
import { emptyAccountBlock } from '../../accountBlock.ts'

async function confirmationOf(ledger: Ledger, block: AccountBlock): Promise<ConfirmationDetail | null> {
  const at = await ledger.chain.confirmationHeight(block.hash)
  if (at === undefined) return null
  const m = (await ledger.chain.momentumByHeight(at))!
  const frontier = await ledger.chain.frontierHeight()
  return { numConfirmations: frontier - at + 1n, momentumHeight: at, momentumHash: m.hash, momentumTimestamp: m.timestamp }
}

async function tokenOf(ledger: Ledger, block: AccountBlock): Promise<TokenInfo | null> {
  return (await ledger.chain.tokenInfo(block.tokenStandard)) ?? null
}

async function shallow(ledger: Ledger, block: AccountBlock): Promise<AccountBlockWithExtras> {
  return { ...block, token: await tokenOf(ledger, block), confirmationDetail: await confirmationOf(ledger, block), pairedAccountBlock: null }
}

/**
 * go-zenon pairs a GenesisReceive with a synthetic, all-zero ContractSend confirmed by the
 * genesis momentum (rpc/api/ledger_types.go prefetchPaired).
 */
async function genesisPair(ledger: Ledger): Promise<AccountBlockWithExtras> {
  const genesis = (await ledger.chain.momentumByHeight(1n))!
  const frontier = await ledger.chain.frontierHeight()
  return {
    ...emptyAccountBlock({ version: 0n, chainIdentifier: 0n, blockType: BlockType.ContractSend }),
    token: null,
    confirmationDetail: { numConfirmations: frontier, momentumHeight: 1n, momentumHash: genesis.hash, momentumTimestamp: genesis.timestamp },
    pairedAccountBlock: null,
  }
}

export async function blockWithExtras(ledger: Ledger, block: AccountBlock): Promise<AccountBlockWithExtras> {
  if (block.blockType === BlockType.GenesisReceive) return { ...(await shallow(ledger, block)), pairedAccountBlock: await genesisPair(ledger) }
  let paired: AccountBlock | undefined
  const isReceive = block.blockType === BlockType.UserReceive || block.blockType === BlockType.ContractReceive
  if (isReceive) paired = await ledger.chain.block(block.fromBlockHash)
  else if (block.blockType === BlockType.UserSend || block.blockType === BlockType.ContractSend) {
    const by = await ledger.chain.receivedBy(block.hash)
    if (by !== undefined) paired = await ledger.chain.block(by)
  }
  return { ...(await shallow(ledger, block)), pairedAccountBlock: paired === undefined ? null : await shallow(ledger, paired) }
}
