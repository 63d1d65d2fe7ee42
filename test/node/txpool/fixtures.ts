/**
 * Shared pieces of the tx pool tests: a JournalStore over a real level database in a temp dir, an
 * in-memory account table standing in for head state, a Prague Common with native ecrecover, and
 * signing helpers for the mnemonic's first accounts.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Hardfork, Mainnet, createCustomCommon } from '@ethereumjs/common'
import { createTx } from '@ethereumjs/tx'
import { bytesToHex, hexToBytes, privateToAddress } from '@ethereumjs/util'
import { Level } from 'level'
import { createNativeCrypto } from '../../../node/crypto.ts'
import { createTxPool } from '../../../node/txpool/txPool.ts'
import type { Common } from '@ethereumjs/common'
import type { TypedTxData } from '@ethereumjs/tx'
import type { JournalStore } from '../../../node/txpool/journal.ts'
import type { TxPool, TxPoolOptions } from '../../../node/txpool/txPool.ts'

export const CHAIN_ID = 31337n
export const GWEI = 10n ** 9n

/** Private keys of `test test … junk` accounts 0..3 (m/44'/60'/0'/0/i). */
export const KEYS = [
  '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
  '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d',
  '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a',
  '0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6',
].map((k) => hexToBytes(k as `0x${string}`))

export const ADDRESSES = KEYS.map((k) => privateToAddress(k))

export function pragueCommon(chainId = CHAIN_ID): Common {
  return createCustomCommon({ chainId: Number(chainId) }, Mainnet, {
    hardfork: Hardfork.Prague,
    customCrypto: createNativeCrypto(),
  })
}

export interface LevelJournal extends JournalStore {
  close(): Promise<void>
  keys(): Promise<string[]>
}

/** A JournalStore on a level database at `dir` (hash → raw), as the node keeps it. */
export function openLevelJournal(dir: string): LevelJournal {
  const db = new Level<Uint8Array, Uint8Array>(dir, { keyEncoding: 'view', valueEncoding: 'view' })
  return {
    async put(hash, raw) {
      await db.put(hash, raw)
    },
    async delete(hashes) {
      await db.batch(hashes.map((key) => ({ type: 'del' as const, key })))
    },
    async *entries() {
      for await (const [key, value] of db.iterator()) yield [key, value]
    },
    async close() {
      await db.close()
    },
    async keys() {
      const out: string[] = []
      for await (const key of db.keys()) out.push(bytesToHex(key))
      return out.sort()
    },
  }
}

/** Head state for tests: address hex → nonce/balance, editable between "blocks". */
export class Accounts {
  readonly table = new Map<string, { nonce: bigint; balance: bigint }>()
  set(address: Uint8Array, nonce: bigint, balance: bigint): void {
    this.table.set(bytesToHex(address), { nonce, balance })
  }
  get = async (address: Uint8Array): Promise<{ nonce: bigint; balance: bigint }> => {
    return this.table.get(bytesToHex(address)) ?? { nonce: 0n, balance: 0n }
  }
}

export interface PoolFixture {
  pool: TxPool
  journal: LevelJournal
  accounts: Accounts
  common: Common
  dir: string
  /** Opens a fresh pool over the same journal directory (a "restart"). */
  restart(): Promise<TxPool>
  cleanup(): Promise<void>
}

export async function createPoolFixture(overrides: Partial<TxPoolOptions> = {}): Promise<PoolFixture> {
  const dir = await mkdtemp(join(tmpdir(), 'nomx-txpool-'))
  const accounts = new Accounts()
  for (const address of ADDRESSES) accounts.set(address, 0n, 10n ** 21n)
  const common = pragueCommon()
  const fixture: PoolFixture = {
    pool: undefined as unknown as TxPool,
    journal: openLevelJournal(join(dir, 'journal')),
    accounts,
    common,
    dir,
    async restart() {
      await fixture.journal.close()
      fixture.journal = openLevelJournal(join(dir, 'journal'))
      fixture.pool = makePool()
      await fixture.pool.start()
      return fixture.pool
    },
    async cleanup() {
      await fixture.pool.close()
      await fixture.journal.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
  const makePool = (): TxPool => createTxPool({ ...poolOptions(fixture), ...overrides })
  fixture.pool = makePool()
  await fixture.pool.start()
  return fixture
}

/** The options the fixture's pool runs with (limits 64 per sender, 10000 in all; base fee 1 gwei). */
export function poolOptions(fixture: Pick<PoolFixture, 'common' | 'accounts' | 'journal'>): TxPoolOptions {
  return {
    common: fixture.common,
    maxTxBytes: 131072,
    priceBumpPercent: 10n,
    maxPerSender: 64,
    maxGlobal: 10000,
    blockGasLimit: () => 30_000_000n,
    baseFeeFloor: 0n,
    nextBaseFee: () => GWEI,
    getAccount: fixture.accounts.get,
    journal: fixture.journal,
  }
}

export interface TxParams {
  key?: number
  nonce?: bigint
  type?: 0 | 1 | 2 | 4
  /** Fee cap (type 2/4) or gas price (type 0/1). */
  fee?: bigint
  tip?: bigint
  gasLimit?: bigint
  value?: bigint
  /** null = contract creation. */
  to?: string | null
  data?: Uint8Array
  chainId?: bigint
}

/** Signs a transfer; defaults: account 0, nonce 0, type 2, fee cap 2 gwei, tip 1 gwei, 21000 gas. */
export function signTx(params: TxParams = {}, common: Common = pragueCommon(params.chainId)): Uint8Array {
  const type = params.type ?? 2
  const fee = params.fee ?? 2n * GWEI
  const base = {
    type,
    nonce: params.nonce ?? 0n,
    gasLimit: params.gasLimit ?? 21000n,
    to: params.to === null ? undefined : (params.to ?? `0x${'11'.repeat(20)}`),
    value: params.value ?? 1n,
    data: params.data ?? new Uint8Array(0),
  }
  const fees = type === 0 || type === 1 ? { gasPrice: fee } : { maxFeePerGas: fee, maxPriorityFeePerGas: params.tip ?? GWEI }
  const data = { ...base, ...fees } as TypedTxData
  return createTx(data, { common }).sign(KEYS[params.key ?? 0]!).serialize()
}

export function hex(bytes: Uint8Array): string {
  return bytesToHex(bytes)
}
