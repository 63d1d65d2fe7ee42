/**
 * In-memory host for the anchor's EmbeddedMethods, with the devnet's documented semantics
 * (embedded/types.ts): validateSend at publish, execute one momentum later with buffered storage,
 * rollback + refund on failure, payouts from the contract balance. Fast unit tests of the contract
 * logic; the devnet tests run the same contract for real.
 */
import type { AccountBlock, Address, Momentum, TokenStandard } from '../../../nom/types.ts'
import type { ExecutionContext, LedgerReader, ReadContext, WritableContractStorage } from '../../../nom/devnet/embedded/types.ts'
import { EmbeddedContractError } from '../../../nom/devnet/embedded/types.ts'
import { emptyAccountBlock } from '../../../nom/accountBlock.ts'
import { bytesEqual, sha3, toHex, u64be } from '../../../nom/hash.ts'
import { ZNN_ZTS } from '../../../nom/constants.ts'
import { createAnchorContract } from '../../../contracts/anchor/contract.ts'
import type { AnchorContract } from '../../../contracts/anchor/contract.ts'
import { ANCHOR_ADDRESS } from '../../../contracts/anchor/address.ts'

export type CallResult = { ok: true } | { ok: false; stage: 'publish' | 'execute'; error: string }

function compare(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!
  return a.length - b.length
}

export function userAddress(n: number): Address {
  const a = new Uint8Array(20)
  a[19] = n
  a[18] = 0xaa
  return a
}

export class Harness {
  readonly contract: AnchorContract
  readonly storage = new Map<string, { key: Uint8Array; value: Uint8Array }>()
  readonly momentums: Momentum[] = []
  readonly balances = new Map<string, bigint>()
  private sendCount = 0
  /** Hash of the last send `call` made. */
  lastSendHash: Uint8Array = new Uint8Array(32)

  constructor(administrator: Address, administratorDelay = 3n) {
    this.contract = createAnchorContract({ administrator, administratorDelay })
    this.tick()
  }

  get now(): Momentum {
    return this.momentums[this.momentums.length - 1]!
  }

  tick(n = 1): void {
    for (let i = 0; i < n; i++) {
      const height = BigInt(this.momentums.length + 1)
      this.momentums.push({
        version: 1n,
        chainIdentifier: 100n,
        hash: sha3(u64be(height), Uint8Array.of(7)),
        previousHash: this.momentums.length === 0 ? new Uint8Array(32) : this.now.hash,
        height,
        timestamp: 1_000_000_000n + height * 10n,
        data: new Uint8Array(),
        content: [],
        changesHash: new Uint8Array(32),
        publicKey: new Uint8Array(),
        signature: new Uint8Array(),
      })
    }
  }

  balance(who: Address, token: TokenStandard = ZNN_ZTS): bigint {
    return this.balances.get(toHex(who) + toHex(token)) ?? 0n
  }

  fund(who: Address, amount: bigint, token: TokenStandard = ZNN_ZTS): void {
    this.balances.set(toHex(who) + toHex(token), this.balance(who, token) + amount)
  }

  get ledger(): LedgerReader {
    return {
      frontierMomentum: async () => this.now,
      getMomentumByHeight: async (h) => this.momentums[Number(h) - 1],
      getAccountBlockByHash: async () => undefined,
      balance: async (a, t) => this.balance(a, t),
    }
  }

  readContext(): ReadContext {
    return { contract: ANCHOR_ADDRESS, ledger: this.ledger, storage: this.hostStorage() }
  }

  hostStorage(): WritableContractStorage {
    const store = this.storage
    return {
      get: async (k) => store.get(toHex(k))?.value,
      async *entries(prefix) {
        const list = [...store.values()].filter((e) => e.key.length >= prefix.length && bytesEqual(e.key.subarray(0, prefix.length), prefix))
        list.sort((a, b) => compare(a.key, b.key))
        for (const e of list) yield [e.key, e.value]
      },
      put: (k, v) => store.set(toHex(k), { key: Uint8Array.from(k), value: Uint8Array.from(v) }),
      delete: (k) => store.delete(toHex(k)),
    }
  }

  /** Snapshot of storage + balances, to assert "no state change". */
  snapshot(): string {
    const s = [...this.storage.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k}=${toHex(v.value)}`)
    const b = [...this.balances.entries()].filter(([, v]) => v !== 0n).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k}=${v}`)
    return [...s, ...b].join('\n')
  }

  /** Publishes a send (validateSend), confirms it in a momentum, then executes it as the contract receive. */
  async call(from: Address, data: Uint8Array, amount = 0n, token: TokenStandard = ZNN_ZTS): Promise<CallResult> {
    this.sendCount++
    const send: AccountBlock = emptyAccountBlock({
      blockType: 2,
      address: from,
      toAddress: ANCHOR_ADDRESS,
      amount,
      tokenStandard: token,
      data,
      hash: sha3(u64be(BigInt(this.sendCount)), Uint8Array.of(9)),
      height: BigInt(this.sendCount),
    })
    this.lastSendHash = send.hash
    const method = this.contract.methods.find((m) => data.length >= 4 && bytesEqual(sha3(new TextEncoder().encode(m.signature)).subarray(0, 4), data.subarray(0, 4)))
    if (method === undefined) return { ok: false, stage: 'publish', error: 'method not found in the abi' }
    try {
      method.validateSend(send)
    } catch (e) {
      if (e instanceof EmbeddedContractError) return { ok: false, stage: 'publish', error: e.message }
      throw e
    }
    if (this.balance(from, token) < amount) throw new Error('test setup: sender balance too low')
    this.fund(from, -amount, token)
    this.tick()
    this.fund(ANCHOR_ADDRESS, amount, token)

    const buffered = new Map<string, { key: Uint8Array; value: Uint8Array | undefined }>()
    const host = this.hostStorage()
    const payouts: { to: Address; token: TokenStandard; amount: bigint }[] = []
    const ctx: ExecutionContext = {
      momentum: this.now,
      contract: ANCHOR_ADDRESS,
      ledger: this.ledger,
      storage: {
        get: async (k) => {
          const b = buffered.get(toHex(k))
          return b !== undefined ? b.value : host.get(k)
        },
        entries: (prefix) => host.entries(prefix),
        put: (k, v) => buffered.set(toHex(k), { key: k, value: v }),
        delete: (k) => buffered.set(toHex(k), { key: k, value: undefined }),
      },
      send: (p) => payouts.push(p),
    }
    try {
      await method.execute(ctx, send)
    } catch (e) {
      // Like the devnet: any throw rolls back and refunds.
      this.fund(ANCHOR_ADDRESS, -amount, token)
      this.fund(from, amount, token)
      return { ok: false, stage: 'execute', error: e instanceof Error ? e.message : String(e) }
    }
    for (const [, w] of buffered) {
      if (w.value === undefined) host.delete(w.key)
      else host.put(w.key, w.value)
    }
    for (const p of payouts) {
      if (this.balance(ANCHOR_ADDRESS, p.token) < p.amount) throw new Error('contract balance does not cover a payout')
      this.fund(ANCHOR_ADDRESS, -p.amount, p.token)
      this.fund(p.to, p.amount, p.token)
    }
    return { ok: true }
  }

  rpc(name: string, params: unknown[]): Promise<unknown> {
    const handler = this.contract.rpc[name]
    if (handler === undefined) throw new Error(`no rpc ${name}`)
    return handler(this.readContext(), params)
  }
}
