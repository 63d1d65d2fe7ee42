/**
 * A sequencer with a deposit source never seals a block without an origin: it waits (one log line per
 * stall) until the source knows a momentum, then block 1 has it. A source that throws or answers with
 * an origin older than the parent's fails that block only: the loop goes on, and no origin goes back.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createTx } from '@ethereumjs/tx'
import { bytesToHex, hexToBytes } from '@ethereumjs/util'
import type { SealedBlock } from '../../../node/backend.ts'
import { createConfig, DEV_GENESIS_PATH } from '../../../node/config.ts'
import { openDatabase } from '../../../node/db/database.ts'
import type { DepositBatch, DepositSource, OriginMomentum } from '../../../node/deposits/depositSource.ts'
import { deriveDevAccounts } from '../../../node/genesis/deriveDevAccounts.ts'
import type { LogEvent } from '../../../node/log.ts'
import { createNode } from '../../../node/node.ts'
import { createChainCommon } from '../../../node/execution/chainCommon.ts'
import { createSequencer, type Sequencer } from '../../../node/sequencer/createSequencer.ts'
import { openSequencerParts } from './sequencerParts.ts'

const [sender] = deriveDevAccounts('test test test test test test test test test test test junk', 1)
const TO = hexToBytes('0x000000000000000000000000000000000000dead')

function momentum(height: bigint): OriginMomentum {
  return { height, hash: hexToBytes(`0x${height.toString(16).padStart(64, '0')}`), timestamp: 1_700_000_000n + height }
}

/** A source whose answer the test sets: no origin yet, an origin, or a failure (NoM unreachable). */
function switchableSource(withSignal: boolean) {
  const listeners = new Set<() => void>()
  const source = {
    answer: 'none' as 'none' | 'throw' | OriginMomentum,
    asked: 0,
    async next(): Promise<DepositBatch | undefined> {
      source.asked++
      if (source.answer === 'none') return undefined
      if (source.answer === 'throw') throw new Error('connect ECONNREFUSED 127.0.0.1:35997')
      return { origin: source.answer, deposits: [] }
    },
    listeners,
    notify: () => {
      for (const listener of listeners) listener()
    },
  } satisfies DepositSource & Record<string, unknown>
  if (!withSignal) return source
  return Object.assign(source, {
    onAvailable(listener: () => void) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  })
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/** A sequencer over a fresh dev-genesis chain (level on disk), built the way node.ts builds it. */
async function startSequencer(options: { blockTimeMs: number; source: DepositSource; originRetryMs?: number }) {
  const dir = await mkdtemp(join(tmpdir(), 'nomx-seq-origin-'))
  const db = await openDatabase(dir)
  const { genesis, common, chain, store, vm, pool } = await openSequencerParts(db)
  const sealed: SealedBlock[] = []
  const logs: LogEvent[] = []
  const sequencer: Sequencer = createSequencer({
    common, vm, db, trieStore: store, chain, pool, blockTimeMs: options.blockTimeMs, gasLimit: genesis.gasLimit,
    baseFeeFloor: genesis.baseFeeFloor, coinbase: genesis.feeVault, feeVault: genesis.feeVault,
    onSealed: (block) => sealed.push(block), log: (event) => logs.push(event),
    deposits: { source: options.source },
    ...(options.originRetryMs === undefined ? {} : { originRetryMs: options.originRetryMs }),
  })
  const sign = (nonce: bigint) =>
    createTx({ type: 2, nonce, maxFeePerGas: 10n ** 10n, maxPriorityFeePerGas: 1n, gasLimit: 21_000n, to: TO, value: 1n }, { common }).sign(sender!.privateKey)
  return {
    sequencer, chain, pool, sealed, logs, sign,
    byMsg: (msg: string) => logs.filter((l) => l.msg === msg),
    async stop() {
      await sequencer.stop()
      await pool.close()
      await db.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
}

test('sealBlock before the source knows an origin: OriginUnavailableError, nothing sealed; then block 1 has the origin', async () => {
  const source = switchableSource(false)
  const s = await startSequencer({ blockTimeMs: 60_000, source })
  try {
    for (let i = 0; i < 2; i++) {
      await assert.rejects(s.sequencer.sealBlock(), { name: 'OriginUnavailableError', message: 'no origin momentum for block 1: the deposit source knows none yet' })
    }
    assert.equal(s.chain.head().block.header.number, 0n)
    assert.deepEqual(s.sealed, [])
    assert.deepEqual(s.byMsg('waiting for an origin momentum'), [
      { level: 'warn', module: 'sequencer', msg: 'waiting for an origin momentum', block: 1, reason: 'no origin momentum for block 1: the deposit source knows none yet' },
    ])
    source.answer = momentum(7n)
    const block = await s.sequencer.sealBlock()
    assert.equal(block.block.header.number, 1n)
    assert.deepEqual(block.origin, { ...momentum(7n), sequenceNumber: 0n })
    const resumed = s.byMsg('origin momentum available; sealing resumed')
    assert.equal(resumed.length, 1)
    assert.equal(resumed[0]!.origin, 7)
    assert.equal(typeof resumed[0]!.waitedMs, 'number')
    assert.ok((resumed[0]!.waitedMs as number) >= 0)
  } finally {
    await s.stop()
  }
})

test('interval loop: skips ticks without an origin (logged once per stall), survives a throwing source and a backwards origin', async () => {
  const source = switchableSource(false)
  const s = await startSequencer({ blockTimeMs: 20, source })
  try {
    s.sequencer.start()
    await until('five skipped ticks', () => source.asked >= 5)
    assert.equal(s.chain.head().block.header.number, 0n)
    assert.equal(s.byMsg('waiting for an origin momentum').length, 1)

    // NoM unreachable: each tick fails, the loop keeps asking
    source.answer = 'throw'
    const askedBefore = source.asked
    await until('three failing ticks', () => source.asked >= askedBefore + 3)
    assert.equal(s.chain.head().block.header.number, 0n)
    assert.ok(s.byMsg('seal failed').length >= 3)
    assert.ok(s.byMsg('seal failed').every((l) => l.error === 'connect ECONNREFUSED 127.0.0.1:35997'))

    source.answer = momentum(10n)
    await until('block 2', () => s.chain.head().block.header.number >= 2n)
    assert.equal(s.sealed[0]!.block.header.number, 1n)
    assert.deepEqual(s.sealed[0]!.origin, { ...momentum(10n), sequenceNumber: 0n })
    assert.equal(s.byMsg('waiting for an origin momentum').length, 1, 'one stall, one line')
    assert.equal(s.byMsg('origin momentum available; sealing resumed').length, 1)

    // a source going back to momentum 9: refused, nothing sealed, the loop goes on
    // (a tick that asked the source before the switch may still seal one block: the head is taken
    // after the first refusal, when every later tick asks with the new answer)
    const failedBefore = s.byMsg('seal failed').length
    source.answer = momentum(9n)
    await until('a refused tick', () => s.byMsg('seal failed').length >= failedBefore + 1)
    const head = s.chain.head().block.header.number
    await until('two more refused ticks', () => s.byMsg('seal failed').length >= failedBefore + 3)
    assert.equal(s.chain.head().block.header.number, head)
    assert.deepEqual(s.byMsg('seal failed').at(-1), { level: 'error', module: 'sequencer', msg: 'seal failed', error: "origin momentum 9 is behind the parent's origin 10" })

    source.answer = 'throw'
    const askedAgain = source.asked
    await until('two failing ticks', () => source.asked >= askedAgain + 2)
    source.answer = momentum(11n)
    await until('a block with origin 11', () => s.sealed.at(-1)?.origin?.height === 11n)
    await s.sequencer.stop()

    // every block has an origin, never older than its parent's; a stall after an origin never happens
    const origins = s.sealed.map((b) => b.origin)
    assert.ok(origins.every((o) => o !== undefined))
    for (let i = 1; i < origins.length; i++) assert.ok(origins[i]!.height >= origins[i - 1]!.height, `block ${i + 1}`)
    assert.deepEqual(s.sealed.map((b) => b.block.header.number), s.sealed.map((_, i) => BigInt(i + 1)))
    assert.equal(s.byMsg('waiting for an origin momentum').length, 1)
  } finally {
    await s.stop()
  }
})

test('automine: txs stay pending while no origin is known; the source\'s signal seals them, each in its own block', async () => {
  const source = switchableSource(true)
  // a retry far in the future: only the source's onAvailable can end this wait
  const s = await startSequencer({ blockTimeMs: 0, source, originRetryMs: 60_000 })
  try {
    s.sequencer.start()
    assert.equal(source.listeners.size, 1)
    const txs = [s.sign(0n), s.sign(1n)]
    for (const tx of txs) await s.pool.add(tx.serialize())
    await until('the first try', () => source.asked >= 1)
    await new Promise((resolve) => setTimeout(resolve, 50))
    assert.equal(s.chain.head().block.header.number, 0n)
    assert.deepEqual(s.pool.status(), { pending: 2, queued: 0 })
    assert.equal(s.byMsg('waiting for an origin momentum').length, 1)
    assert.deepEqual(s.byMsg('seal failed'), [])

    source.answer = momentum(3n)
    source.notify()
    await until('both txs sealed', () => s.chain.head().block.header.number === 2n)
    assert.deepEqual(s.sealed.map((b) => b.block.transactions.map((tx) => bytesToHex(tx.hash()))), txs.map((tx) => [bytesToHex(tx.hash())]))
    assert.deepEqual(s.sealed.map((b) => b.origin?.sequenceNumber), [0n, 1n])
    assert.equal(s.pool.status().pending, 0)
    await s.sequencer.stop()
    assert.equal(source.listeners.size, 0)
  } finally {
    await s.stop()
  }
})

test('automine without a source signal: the sequencer asks again every originRetryMs; stop ends the retries', async () => {
  const source = switchableSource(false)
  const s = await startSequencer({ blockTimeMs: 0, source, originRetryMs: 20 })
  try {
    s.sequencer.start()
    await s.pool.add(s.sign(0n).serialize())
    await until('three tries', () => source.asked >= 3)
    assert.equal(s.chain.head().block.header.number, 0n)
    assert.equal(s.byMsg('waiting for an origin momentum').length, 1)
    source.answer = momentum(4n)
    await until('block 1', () => s.chain.head().block.header.number === 1n)
    assert.equal(s.sealed[0]!.block.transactions.length, 1)

    source.answer = 'none'
    await s.sequencer.stop()
    const asked = source.asked
    await new Promise((resolve) => setTimeout(resolve, 100))
    assert.equal(source.asked, asked, 'nothing asks the source after stop')
  } finally {
    await s.stop()
  }
})

test('automine node: eth_sendRawTransaction answers once the first origin lets its block be sealed; the receipt is there at once', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'nomx-seq-origin-node-'))
  const source = switchableSource(false)
  const logs: LogEvent[] = []
  const node = await createNode(createConfig({ dataDir, genesis: DEV_GENESIS_PATH, blockTimeMs: 0, rpc: { host: '127.0.0.1', port: 0 } }), {
    log: (event) => logs.push(event),
    deposits: { source },
  })
  const rpc = async (method: string, params: unknown[]) => {
    const response = await fetch(node.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) })
    return (await response.json()) as { result?: unknown; error?: { message: string } }
  }
  try {
    await node.start()
    const common = createChainCommon({ chainId: node.genesis.chainId })
    const tx = createTx({ type: 2, nonce: 0n, maxFeePerGas: 10n ** 10n, maxPriorityFeePerGas: 1n, gasLimit: 21_000n, to: TO, value: 1n }, { common }).sign(sender!.privateKey)
    let answered = false
    const send = rpc('eth_sendRawTransaction', [bytesToHex(tx.serialize())]).then((reply) => {
      answered = true
      return reply
    })
    await until('two tries', () => source.asked >= 2)
    assert.equal(answered, false)
    assert.notEqual((await rpc('eth_getTransactionByHash', [bytesToHex(tx.hash())])).result, null, 'the tx is pending')
    assert.equal((await rpc('eth_blockNumber', [])).result, '0x0')
    source.answer = momentum(5n)
    assert.deepEqual(await send, { jsonrpc: '2.0', id: 1, result: bytesToHex(tx.hash()) })
    const receipt = (await rpc('eth_getTransactionReceipt', [bytesToHex(tx.hash())])).result as { blockNumber: string; status: string }
    assert.equal(receipt.blockNumber, '0x1')
    assert.equal(receipt.status, '0x1')
    assert.equal(logs.filter((l) => l.msg === 'waiting for an origin momentum').length, 1)
  } finally {
    await node.stop()
    await rm(dataDir, { recursive: true, force: true })
  }
})
