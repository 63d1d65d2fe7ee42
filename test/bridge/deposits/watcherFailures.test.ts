/**
 * The deposit watcher's failure classes on a real devnet: NoM unreachable (retry, keep answering,
 * recover), NoM data that can never become valid (halt, exact reasons), and momentums that stop
 * being canonical (rewind to the newest canonical one and rescan; a parent origin on the old branch
 * is refused).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createBlockHeader } from '@ethereumjs/block'
import { COIN } from '../../../nom/constants.ts'
import { toHex } from '../../../nom/hash.ts'
import type { LogEvent } from '../../../node/log.ts'
import type { DepositRequest, OriginMomentum } from '../../../node/deposits/depositSource.ts'
import { encodeDepositTx } from '../../../node/deposits/depositTx.ts'
import { createDepositWatcher, type DepositWatcher } from '../../../bridge/deposits/createDepositWatcher.ts'
import { DepositWatcherHaltedError, OriginNotCanonicalError } from '../../../bridge/deposits/errors.ts'
import { startDepositDevnet, type DepositDevnet } from './depositDevnet.ts'

const CHAIN = 6_001n
const R1 = Uint8Array.from({ length: 20 }, (_, i) => 0x10 + i)
const PARENT = createBlockHeader({})
const request = (parentOrigin?: OriginMomentum, lastDepositSourceHash?: Uint8Array): DepositRequest => ({ parent: PARENT, timestamp: 0n, parentOrigin, lastDepositSourceHash })
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(20)
  }
}

async function momentumAt(dd: DepositDevnet, height: bigint): Promise<OriginMomentum> {
  const m = (await dd.client.getMomentumsByHeight(height, 1n)).list[0]!
  return { height: m.height, hash: m.hash, timestamp: m.timestamp }
}

interface Fixture {
  dd: DepositDevnet
  dirs: string[]
  watchers: DepositWatcher[]
  events: LogEvent[]
  watcher(options?: { pollMs?: number }): Promise<DepositWatcher>
}

async function withFixture(fn: (f: Fixture) => Promise<void>): Promise<void> {
  const dd = await startDepositDevnet()
  const f: Fixture = {
    dd,
    dirs: [],
    watchers: [],
    events: [],
    async watcher(options = {}) {
      const dataDir = await mkdtemp(join(tmpdir(), 'nomx-deposit-watcher-f-'))
      f.dirs.push(dataDir)
      const w = createDepositWatcher({ client: dd.watcherClient, chainId: CHAIN, dataDir, pollMs: options.pollMs ?? 1_000, maxBackoffMs: 200, log: (e) => f.events.push(e) })
      f.watchers.push(w)
      return w
    },
  }
  try {
    await dd.createChain(CHAIN, 0n)
    await fn(f)
  } finally {
    for (const w of f.watchers) await w.stop()
    await dd.stop()
    for (const d of f.dirs) await rm(d, { recursive: true, force: true })
  }
}

test('NoM unreachable: the loop retries with backoff, next keeps the last answer, and the watcher recovers when NoM is back', async () => {
  await withFixture(async ({ dd, events, watcher }) => {
    const w = await watcher({ pollMs: 40 })
    let signals = 0
    const off = w.onAvailable(() => signals++)
    await w.start()
    const d1 = await dd.deposit(CHAIN, R1, 2n * COIN)
    const frontier = await dd.tick(2)
    await until('deposit 1', () => w.status().knownDeposits === 1n && w.status().originHeight === frontier)
    assert.ok(signals >= 1)
    const before = await w.next(request())
    assert.equal(before?.deposits.length, 1)

    const url = dd.devnet.httpUrl
    await dd.stopDevnet()
    await until('two failed attempts', () => events.filter((e) => e.msg === 'NoM read failed; retrying').length >= 2)
    const failed = events.filter((e) => e.msg === 'NoM read failed; retrying')
    assert.equal(failed[0]!.level, 'warn')
    assert.equal(failed[0]!.attempt, 1)
    assert.equal(failed[1]!.attempt, 2)
    assert.equal(failed[0]!.retryInMs, 80)
    assert.equal(failed[1]!.retryInMs, 160)
    assert.match(String(failed[0]!.error), /^TransportError: /)
    assert.ok(String(failed[0]!.error).includes(url), String(failed[0]!.error))
    assert.equal(w.status().lastError, failed.at(-1)!.error)
    // the last answer stands while NoM is away
    assert.deepEqual(await w.next(request()), before)
    assert.equal(w.status().halted, undefined)

    await dd.restart()
    const d2 = await dd.deposit(CHAIN, R1, 3n * COIN)
    const later = await dd.tick(2)
    await until('deposit 2 after recovery', () => w.status().knownDeposits === 2n && w.status().originHeight === later)
    assert.ok(events.some((e) => e.msg === 'NoM reachable again' && typeof e.failedAttempts === 'number' && e.failedAttempts >= 2))
    assert.equal(w.status().lastError, undefined)
    const after = await w.next(request(undefined, before!.deposits[0]!.sourceHash))
    assert.equal(after?.deposits.length, 1)
    assert.equal(after?.deposits[0]!.mint, 3n * COIN * 10n ** 10n)
    assert.notEqual(toHex(d1), toHex(d2))
    off()
  })
})

test('halt: a record contradicting its send, a missing record, a record the scan never met; next throws DepositWatcherHaltedError', async () => {
  await withFixture(async ({ dd, events, watcher }) => {
    const send = await dd.deposit(CHAIN, R1, 5n * COIN)
    const S = await dd.tick()
    await dd.tick()

    // the anchor's record says another amount than the send carried
    dd.transport.intercept = (method, _params, result) => (method === 'embedded.anchor.getDeposit' && result !== null ? { ...(result as object), amount: '1' } : undefined)
    const w1 = await watcher()
    const reason1 = `deposit 1 contradicts its send ${toHex(send)}: amount 1 on the anchor, 500000000 in the send`
    await assert.rejects(w1.sync(), (e: unknown) => {
      assert.ok(e instanceof DepositWatcherHaltedError)
      assert.equal(e.message, `deposit watcher halted: ${reason1}`)
      assert.equal(e.reason, reason1)
      return true
    })
    assert.equal(w1.status().halted, reason1)
    assert.equal(w1.status().originHeight, S - 1n)
    await assert.rejects(w1.next(request()), { name: 'DepositWatcherHaltedError', message: `deposit watcher halted: ${reason1}` })
    // halted for good: the loop does not scan again, even once the data looks right
    dd.transport.intercept = undefined
    await w1.start()
    await sleep(50)
    await assert.rejects(w1.sync(), { name: 'DepositWatcherHaltedError', message: `deposit watcher halted: ${reason1}` })
    assert.ok(events.some((e) => e.level === 'error' && e.msg === 'deposit watcher halted' && e.reason === reason1))

    // index gap: the anchor has no record for a successful Deposit receive
    dd.transport.intercept = (method) => (method === 'embedded.anchor.getDeposit' ? null : undefined)
    const w2 = await watcher()
    const reason2 = `deposit index gap: the anchor has no deposit 1, but momentum ${S} has 1 successful Deposit sends numbered from 1`
    await assert.rejects(w2.sync(), { name: 'DepositWatcherHaltedError', message: `deposit watcher halted: ${reason2}` })
    assert.equal(w2.status().halted, reason2)

    // a record whose send the momentum's blocks do not show: found at the end of the scan
    dd.transport.intercept = (method, _params, result) => {
      if (method !== 'ledger.getDetailedMomentumsByHeight') return undefined
      const r = result as { list: { blocks: { hash: string }[] }[] }
      return { ...r, list: r.list.map((m) => ({ ...m, blocks: m.blocks.filter((b) => b.hash !== toHex(send)) })) }
    }
    const w3 = await watcher()
    const reason3 = `deposit index gap: the anchor's deposit 1 (send ${toHex(send)}, momentum ${S}) was not among the Deposit sends of momentum ${S}`
    await assert.rejects(w3.sync(), { name: 'DepositWatcherHaltedError', message: `deposit watcher halted: ${reason3}` })
    assert.equal(w3.status().halted, reason3)
    dd.transport.intercept = undefined
  })
})

test('rewind: scanned momentums replaced by another branch; the cursor returns to the newest common momentum, the other branch’s deposits follow', async () => {
  const forkDir = await mkdtemp(join(tmpdir(), 'nomx-deposit-watcher-fork-'))
  let fork: DepositDevnet | undefined
  try {
    await withFixture(async ({ dd, events, watcher }) => {
      const w = await watcher()
      await dd.deposit(CHAIN, R1, 1n * COIN)
      const common = await dd.tick(2)
      await w.sync()
      assert.deepEqual(w.status(), { scannedHeight: common, originHeight: common, knownDeposits: 1n })
      const first = (await w.next(request()))!.deposits[0]!

      // fork the NoM data: both branches share every momentum up to `common`
      await dd.stopDevnet()
      await cp(dd.dataDir, forkDir, { recursive: true })
      await dd.restart()
      await dd.deposit(CHAIN, R1, 2n * COIN)
      const tipA = await dd.tick(2)
      await w.sync()
      assert.deepEqual(w.status(), { scannedHeight: tipA, originHeight: tipA, knownDeposits: 2n })
      const onA = await w.next(request())
      const originA = onA!.origin
      const secondA = onA!.deposits[1]!

      fork = await startDepositDevnet({ dataDir: forkDir })
      await fork.deposit(CHAIN, R1, 7n * COIN)
      const tipB = await fork.tick(3)
      assert.equal(tipB, tipA + 1n)
      await dd.transport.switchTo(fork.devnet.httpUrl)

      await w.sync()
      assert.deepEqual(w.status(), { scannedHeight: common, originHeight: common, knownDeposits: 1n })
      const rewound = events.find((e) => e.msg === 'scanned momentums are no longer canonical; rescanning')
      assert.equal(rewound?.level, 'warn')
      assert.equal(rewound?.from, Number(tipA))
      assert.equal(rewound?.to, Number(common))
      assert.equal(rewound?.droppedDeposits, 1)
      assert.equal(await w.depositIndexOf(secondA.sourceHash), undefined)

      await w.sync()
      assert.deepEqual(w.status(), { scannedHeight: tipB, originHeight: tipB, knownDeposits: 2n })
      const onB = await w.next(request(await momentumAt(fork, common), first.sourceHash))
      assert.deepEqual(onB?.origin, await momentumAt(fork, tipB))
      assert.equal(onB?.deposits.length, 1)
      assert.equal(onB?.deposits[0]!.mint, 7n * COIN * 10n ** 10n)
      assert.deepEqual(encodeDepositTx((await w.deposit(2n))!.tx), encodeDepositTx(onB!.deposits[0]!))
      assert.equal(await w.depositIndexOf(onB!.deposits[0]!.sourceHash), 2n)

      // an L2 block built on the old branch cannot continue
      const tipAOnB = toHex((await momentumAt(fork, tipA)).hash)
      await assert.rejects(w.next(request(originA, secondA.sourceHash)), (e: unknown) => {
        assert.ok(e instanceof OriginNotCanonicalError)
        assert.equal(e.message, `the parent block's origin momentum ${tipA} ${toHex(originA.hash)} is not canonical: NoM has ${tipAOnB} at that height`)
        return true
      })
    })
  } finally {
    await fork?.stop()
    await rm(forkDir, { recursive: true, force: true })
  }
})
