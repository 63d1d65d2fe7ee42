/**
 * Building ahead: once the pool is quiet the next block is built for the coming tick, and the tick
 * stores it only when a fresh build would give exactly it. Each test compares the block with the one
 * a second sequencer (same genesis, same txs, same clock, nothing built ahead) seals.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createTx } from '@ethereumjs/tx'
import { bytesToHex, hexToBytes } from '@ethereumjs/util'
import type { SealedBlock } from '../../../node/backend.ts'
import { openDatabase } from '../../../node/db/database.ts'
import type { DepositBatch, DepositSource, OriginMomentum } from '../../../node/deposits/depositSource.ts'
import { deriveDevAccounts } from '../../../node/genesis/deriveDevAccounts.ts'
import { keccak256 } from '../../../node/keccak256.ts'
import type { LogEvent } from '../../../node/log.ts'
import { createSequencer } from '../../../node/sequencer/createSequencer.ts'
import type { TxPool } from '../../../node/txpool/txPool.ts'
import { openSequencerParts } from './sequencerParts.ts'

const accounts = deriveDevAccounts('test test test test test test test test test test test junk', 4)
/** A whole second (ms), after the dev genesis' timestamp. */
const T0 = 1_800_000_000_000

function momentum(height: bigint): OriginMomentum {
  return { height, hash: hexToBytes(`0x${height.toString(16).padStart(64, '0')}`), timestamp: 1_700_000_000n + height }
}

async function until(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 2))
  }
}

interface Options {
  /** Quiet time before building ahead; undefined: never (the reference sequencer). */
  buildAheadQuietMs?: number
  blockTimeMs: number
  /** The pinned clock (ms). */
  clock: number
  source?: DepositSource
}

async function openSequencer(options: Options) {
  const dir = await mkdtemp(join(tmpdir(), 'nomx-build-ahead-'))
  const db = await openDatabase(dir)
  const parts = await openSequencerParts(db, { poolReadsHead: true, maxPerSender: 1_000, maxGlobal: 1_000 })
  const logs: LogEvent[] = []
  const sealed: SealedBlock[] = []
  let aheadStarted = 0
  const onAhead = new Set<() => void>()
  const pool: TxPool = {
    ...parts.pool,
    candidates(baseFee, opts) {
      const candidates = parts.pool.candidates(baseFee, opts)
      if (opts?.ahead === true) {
        aheadStarted++
        for (const listener of onAhead) listener()
      }
      return candidates
    },
  }
  const sequencer = createSequencer({
    common: parts.common, vm: parts.vm, db, trieStore: parts.store, chain: parts.chain, pool,
    blockTimeMs: options.blockTimeMs, gasLimit: parts.genesis.gasLimit, baseFeeFloor: parts.genesis.baseFeeFloor,
    coinbase: parts.genesis.feeVault, feeVault: parts.genesis.feeVault,
    onSealed: (block) => sealed.push(block), log: (event) => logs.push(event), now: () => options.clock,
    ...(options.buildAheadQuietMs === undefined ? {} : { buildAheadQuietMs: options.buildAheadQuietMs }),
    ...(options.source === undefined ? {} : { deposits: { source: options.source } }),
  })
  return {
    ...parts, sequencer, logs, sealed, onAhead,
    aheadStarted: () => aheadStarted,
    /** 'block sealed' log lines that say the block was built ahead. */
    builtAhead: () => logs.filter((l) => l.msg === 'block sealed' && l.builtAhead === true).map((l) => l.number),
    async stop() {
      await sequencer.stop()
      await parts.pool.close()
      await db.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
}
type Opened = Awaited<ReturnType<typeof openSequencer>>

/** `count` transfers from account `from` (nonces from `first`), each to a fresh address. */
function transfers(s: Opened, from: number, first: number, count: number): Uint8Array[] {
  return Array.from({ length: count }, (_, i) => {
    const to = hexToBytes(`0x${(0xa0000 + from * 0x1000 + first + i).toString(16).padStart(40, '0')}`)
    return createTx({ type: 2, nonce: BigInt(first + i), maxFeePerGas: 10n ** 10n, maxPriorityFeePerGas: 1n, gasLimit: 21_000n, to, value: 1n }, { common: s.common })
      .sign(accounts[from]!.privateKey)
      .serialize()
  })
}

/** Adds raw txs to both pools, in the same order. */
async function addToBoth(a: Opened, b: Opened, raws: Uint8Array[]): Promise<void> {
  for (const raw of raws) {
    await a.pool.add(raw)
    await b.pool.add(raw)
  }
}

/** The same block on both chains: hash, tx hashes, state root; and each state manager at its head. */
async function assertSameBlock(a: SealedBlock, b: SealedBlock, ...opened: Opened[]): Promise<void> {
  assert.equal(bytesToHex(a.hash), bytesToHex(b.hash))
  assert.deepEqual(a.block.transactions.map((tx) => bytesToHex(tx.hash())), b.block.transactions.map((tx) => bytesToHex(tx.hash())))
  for (const s of opened) {
    assert.equal(bytesToHex(await s.state.getStateRoot()), bytesToHex(s.chain.head().block.header.stateRoot), 'state manager at the head')
    assert.equal(s.store.heldWrites(), 0, 'no trie writes held')
  }
}

const BLOCK_MS = 1_500

interface PairOptions {
  source?: DepositSource
  /** A's block time, default BLOCK_MS: what the body does before the first tick must fit in it, also on a loaded CI machine. */
  blockMs?: number
  /** Runs before A starts (its first tick is blockMs after): signing many txs belongs here. */
  beforeStart?: (a: Opened, b: Opened) => void
}

/**
 * Runs `body` with A (builds ahead, started, ticking every blockMs on a clock pinned at T0) and B
 * (never builds ahead, not started, its clock at A's first tick), then closes both.
 */
async function withPair(body: (a: Opened, b: Opened) => Promise<void>, options: PairOptions = {}): Promise<void> {
  const { source, blockMs = BLOCK_MS } = options
  const a = await openSequencer({ buildAheadQuietMs: 5, blockTimeMs: blockMs, clock: T0, ...(source === undefined ? {} : { source }) })
  const b = await openSequencer({ blockTimeMs: blockMs, clock: T0 + blockMs, ...(source === undefined ? {} : { source }) })
  try {
    options.beforeStart?.(a, b)
    a.sequencer.start()
    await body(a, b)
  } finally {
    await a.stop()
    await b.stop()
  }
}

/** A's block 1 (built ahead or not, holding `txs` txs) is the block B seals now. Returns it. */
async function expectBlockOne(a: Opened, b: Opened, expected: { builtAhead: boolean; txs: number }): Promise<SealedBlock> {
  await until('block 1', () => a.sealed.length >= 1)
  const block = a.sealed[0]!
  assert.deepEqual(a.builtAhead(), expected.builtAhead ? [1] : [])
  assert.equal(block.block.transactions.length, expected.txs)
  await assertSameBlock(block, await b.sequencer.sealBlock(), a, b)
  return block
}

test('a block built ahead is stored at its tick, identical to the block a fresh build gives', () =>
  withPair(async (a, b) => {
    await addToBoth(a, b, [...transfers(a, 0, 0, 60), ...transfers(a, 1, 0, 60)])
    await expectBlockOne(a, b, { builtAhead: true, txs: 120 })
    assert.equal(a.aheadStarted(), 1)
    assert.equal(a.pool.status().pending, 0)
  }))

test('a tx added after the block was built ahead: the block is built ahead again, with it', () =>
  withPair(async (a, b) => {
    await addToBoth(a, b, transfers(a, 0, 0, 50))
    await until('a block built ahead (its trie writes held)', () => a.store.heldWrites() > 0)
    await addToBoth(a, b, transfers(a, 1, 0, 1))
    await expectBlockOne(a, b, { builtAhead: true, txs: 51 })
    assert.equal(a.aheadStarted(), 2)
  }))

test('a tx dropped after the block was built ahead: the tick throws that block away and builds afresh', () =>
  withPair(async (a, b) => {
    const raws = transfers(a, 0, 0, 50)
    await addToBoth(a, b, raws)
    await until('a block built ahead (its trie writes held)', () => a.store.heldWrites() > 0)
    // A drop changes the pool without adding a tx: nothing builds ahead again before the tick.
    const last = keccak256(raws[49]!)
    a.pool.drop(last, 'test')
    b.pool.drop(last, 'test')
    await expectBlockOne(a, b, { builtAhead: false, txs: 49 })
  }))

test('a tx added while the block is being built ahead: that build stops, and the next one holds every tx', () => {
  let raws: Uint8Array[] = []
  let late: Uint8Array[] = []
  // Before the tick: 802 admissions and two builds of ~400 txs; 1.5 s was too little on a loaded machine.
  return withPair(
    async (a, b) => {
      let lateAdded: Promise<void> | undefined
      // The build yields every 64 txs: the late tx is admitted meanwhile and the build stops.
      a.onAhead.add(() => {
        lateAdded ??= addToBoth(a, b, late)
      })
      await addToBoth(a, b, raws)
      await until('block 1', () => a.sealed.length >= 1, 20_000)
      await lateAdded
      await expectBlockOne(a, b, { builtAhead: true, txs: 401 })
      assert.equal(a.aheadStarted(), 2)
    },
    {
      blockMs: 5_000,
      beforeStart(a) {
        raws = [...transfers(a, 0, 0, 200), ...transfers(a, 1, 0, 200)]
        late = transfers(a, 2, 0, 1)
      },
    },
  )
})

test('sealed at another second than the block was built for: built afresh with that timestamp', async () => {
  // The tick is far away; sealBlock() now (at T0) is not the second the block was built for (T0 + 60 s).
  const a = await openSequencer({ buildAheadQuietMs: 5, blockTimeMs: 60_000, clock: T0 })
  const b = await openSequencer({ blockTimeMs: 60_000, clock: T0 })
  try {
    a.sequencer.start()
    await addToBoth(a, b, transfers(a, 0, 0, 20))
    await until('a block built ahead', () => a.store.heldWrites() > 0)
    const block = await a.sequencer.sealBlock()
    assert.equal(block.block.header.timestamp, BigInt(T0 / 1000))
    assert.deepEqual(a.builtAhead(), [])
    await assertSameBlock(block, await b.sequencer.sealBlock(), a, b)
  } finally {
    await a.stop()
    await b.stop()
  }
})

test('the deposit source moved to a newer origin after the block was built ahead: built afresh with it', async () => {
  const source = {
    origin: momentum(1n),
    async next(): Promise<DepositBatch | undefined> {
      return { origin: source.origin, deposits: [] }
    },
  }
  await withPair(async (a, b) => {
    await addToBoth(a, b, transfers(a, 0, 0, 20))
    await until('a block built ahead', () => a.store.heldWrites() > 0)
    source.origin = momentum(2n)
    const block = await expectBlockOne(a, b, { builtAhead: false, txs: 20 })
    assert.deepEqual(block.origin, { ...momentum(2n), sequenceNumber: 0n })
  }, { source })
})

test('stop throws a block built ahead away: state manager at the head, no trie writes held, txs still pending', async () => {
  const a = await openSequencer({ buildAheadQuietMs: 5, blockTimeMs: 60_000, clock: T0 })
  try {
    a.sequencer.start()
    for (const raw of transfers(a, 0, 0, 20)) await a.pool.add(raw)
    await until('a block built ahead', () => a.store.heldWrites() > 0)
    await a.sequencer.stop()
    assert.equal(a.store.heldWrites(), 0)
    assert.equal(a.chain.head().block.header.number, 0n)
    assert.equal(bytesToHex(await a.state.getStateRoot()), bytesToHex(a.chain.head().block.header.stateRoot))
    assert.equal(a.pool.status().pending, 20)
  } finally {
    await a.stop()
  }
})
