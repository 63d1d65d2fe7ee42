/** `{list, count, more}` pages of an account chain (unconfirmed blocks included). */
import type { Address } from '../../types.ts'
import type { Ledger } from '../ledger/ledger.ts'
import { accountBlockToJSON } from '../../json.ts'
import { blockWithExtras } from './format.ts'
import type { AccountBlock } from '../../types.ts'

export async function blocksToJSON(ledger: Ledger, blocks: readonly AccountBlock[]): Promise<unknown[]> {
  const out: unknown[] = []
  for (const b of blocks) {
    const x = await blockWithExtras(ledger, b)
    out.push(accountBlockToJSON(x, x))
  }
  return out
}

/** Blocks `height .. height+count-1` that exist, ascending, and the account height. */
export async function accountBlocksByHeight(ledger: Ledger, address: Address, height: bigint, count: bigint): Promise<{ blocks: AccountBlock[]; frontier: bigint }> {
  const frontier = (await ledger.frontierBlock(address))?.height ?? 0n
  const blocks: AccountBlock[] = []
  for (let h = height; h < height + count && h <= frontier; h++) {
    const b = await ledger.blockAtHeight(address, h)
    if (b !== undefined) blocks.push(b)
  }
  return { blocks, frontier }
}
