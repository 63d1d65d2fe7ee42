/**
 * Unconfirmed (published, not yet in a momentum) blocks. They are applied to their account right
 * away, as go-zenon's account pool does: frontier, balances, received sends and the fused plasma
 * they use are the confirmed values plus these blocks' effects. Effects of one account's blocks
 * touch only that account, so an account's pending blocks can be confirmed as a group.
 */
import type { AccountBlock, Address, Hash, TokenStandard } from '../../types.ts'
import { toHex } from '../../hash.ts'

export interface PendingBlock {
  sequence: bigint
  block: AccountBlock
  /** For a UserReceive: what the received send carried. */
  credit?: { token: TokenStandard; amount: bigint }
}

interface AccountPending {
  blocks: PendingBlock[]
  /** Balance change per ZTS hex. */
  balanceDelta: Map<string, bigint>
  received: Set<string>
  fusedPlasma: bigint
}

export class PendingPool {
  private readonly ordered: PendingBlock[] = []
  private readonly byAccount = new Map<string, AccountPending>()
  private nextSequence = 1n

  add(entry: Omit<PendingBlock, 'sequence'> & { sequence?: bigint }): PendingBlock {
    const sequence = entry.sequence ?? this.nextSequence
    if (sequence >= this.nextSequence) this.nextSequence = sequence + 1n
    const p: PendingBlock = { ...entry, sequence }
    this.ordered.push(p)
    const key = toHex(p.block.address)
    let acc = this.byAccount.get(key)
    if (acc === undefined) {
      acc = { blocks: [], balanceDelta: new Map(), received: new Set(), fusedPlasma: 0n }
      this.byAccount.set(key, acc)
    }
    acc.blocks.push(p)
    acc.fusedPlasma += p.block.fusedPlasma
    if (p.credit !== undefined) {
      const z = toHex(p.credit.token)
      acc.balanceDelta.set(z, (acc.balanceDelta.get(z) ?? 0n) + p.credit.amount)
      acc.received.add(toHex(p.block.fromBlockHash))
    } else if (p.block.amount > 0n) {
      const z = toHex(p.block.tokenStandard)
      acc.balanceDelta.set(z, (acc.balanceDelta.get(z) ?? 0n) - p.block.amount)
    }
    return p
  }

  /** Sequence the next added block gets. */
  peekSequence(): bigint {
    return this.nextSequence
  }

  all(): readonly PendingBlock[] {
    return this.ordered
  }

  ofAccount(address: Address): readonly PendingBlock[] {
    return this.byAccount.get(toHex(address))?.blocks ?? []
  }

  last(address: Address): AccountBlock | undefined {
    return this.byAccount.get(toHex(address))?.blocks.at(-1)?.block
  }

  balanceDelta(address: Address, token: TokenStandard): bigint {
    return this.byAccount.get(toHex(address))?.balanceDelta.get(toHex(token)) ?? 0n
  }

  /** Balance deltas of an account as [zts hex, delta]. */
  balanceDeltas(address: Address): Array<[string, bigint]> {
    return [...(this.byAccount.get(toHex(address))?.balanceDelta ?? new Map<string, bigint>())]
  }

  isReceived(sendHash: Hash): boolean {
    const h = toHex(sendHash)
    for (const acc of this.byAccount.values()) if (acc.received.has(h)) return true
    return false
  }

  fusedPlasma(address: Address): bigint {
    return this.byAccount.get(toHex(address))?.fusedPlasma ?? 0n
  }

  /**
   * The blocks of the next momentum: whole accounts, in the order of each account's oldest pending
   * block, while the total stays within `limit`. An account with more than `limit` pending blocks
   * goes alone with its oldest `limit` blocks.
   */
  select(limit: number): PendingBlock[] {
    const accounts: AccountPending[] = []
    const seen = new Set<AccountPending>()
    for (const p of this.ordered) {
      const acc = this.byAccount.get(toHex(p.block.address))!
      if (!seen.has(acc)) {
        seen.add(acc)
        accounts.push(acc)
      }
    }
    const out: PendingBlock[] = []
    for (const acc of accounts) {
      if (out.length + acc.blocks.length <= limit) out.push(...acc.blocks)
      else if (out.length === 0) return acc.blocks.slice(0, limit)
      if (out.length >= limit) break
    }
    return out.sort((a, b) => (a.sequence < b.sequence ? -1 : 1))
  }

  /** Drops confirmed blocks and rebuilds the per-account effects of the rest. */
  remove(confirmed: readonly PendingBlock[]): void {
    const gone = new Set(confirmed.map((p) => p.sequence))
    const rest = this.ordered.filter((p) => !gone.has(p.sequence))
    this.ordered.length = 0
    this.byAccount.clear()
    for (const p of rest) this.add(p)
  }
}
