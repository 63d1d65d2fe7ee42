/**
 * The deposit watcher against a real devnet with the anchor, momentums produced by hand: which
 * momentum becomes an origin when, which deposits it brings (bytes equal to depositTransaction of
 * the anchor's record), the cursor across restarts, and the typed errors of `next`.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createBlockHeader } from '@ethereumjs/block'
import { COIN, QSR_ZTS, ZNN_ZTS } from '../../../nom/constants.ts'
import { toHex, u64be } from '../../../nom/hash.ts'
import type { LogEvent } from '../../../node/log.ts'
import type { DepositRequest, OriginMomentum } from '../../../node/deposits/depositSource.ts'
import { encodeDepositTx } from '../../../node/deposits/depositTx.ts'
import { readAnchorDeposit, readTokenMetadata } from '../../../bridge/deposits/anchorReads.ts'
import { depositTransaction } from '../../../bridge/deposits/depositTransaction.ts'
import { createDepositWatcher, type DepositWatcher } from '../../../bridge/deposits/createDepositWatcher.ts'
import { DepositStoreError, OriginNotCanonicalError, UnknownDepositError } from '../../../bridge/deposits/errors.ts'
import { startDepositDevnet, type DepositDevnet } from './depositDevnet.ts'

const CHAIN = 5_001n
const R1 = Uint8Array.from({ length: 20 }, (_, i) => 0xa0 + i)
const R2 = Uint8Array.from({ length: 20 }, (_, i) => 0xb0 + i)
const PARENT = createBlockHeader({})

function request(parentOrigin?: OriginMomentum, lastDepositSourceHash?: Uint8Array): DepositRequest {
  return { parent: PARENT, timestamp: 0n, parentOrigin, lastDepositSourceHash }
}

async function tmp(name: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `nomx-deposit-watcher-${name}-`))
}

/** The deposit tx bytes the anchor's record `index` must become (record and token read straight from NoM). */
async function expectedTx(dd: DepositDevnet, index: bigint): Promise<Uint8Array> {
  const record = await readAnchorDeposit(dd.client, CHAIN, index)
  assert.ok(record !== undefined, `anchor deposit ${index}`)
  const token = record.tokenStandard.every((b, i) => b === ZNN_ZTS[i]) ? undefined : await readTokenMetadata(dd.client, record.tokenStandard)
  return encodeDepositTx(depositTransaction(record, token))
}

async function momentumAt(dd: DepositDevnet, height: bigint): Promise<OriginMomentum> {
  const m = (await dd.client.getMomentumsByHeight(height, 1n)).list[0]!
  return { height: m.height, hash: m.hash, timestamp: m.timestamp }
}

test('deposits: origins after depositConfirmations and confirmed receives, ZNN and QSR deposits as the records’ deposit txs, typed errors, restart', async () => {
  const dd = await startDepositDevnet()
  const dirA = await tmp('a')
  const dirB = await tmp('b')
  const events: LogEvent[] = []
  const watchers: DepositWatcher[] = []
  const watcher = (dataDir: string, depositConfirmations?: bigint) => {
    const w = createDepositWatcher({ client: dd.watcherClient, chainId: CHAIN, dataDir, log: (e) => events.push(e), ...(depositConfirmations === undefined ? {} : { depositConfirmations }) })
    watchers.push(w)
    return w
  }
  try {
    // A Deposit confirmed in the momentum that creates the chain, received before CreateChain: refused.
    const early = await dd.deposit(CHAIN, R1, 1n * COIN)
    await dd.createChain(CHAIN, 2n)
    assert.deepEqual(await dd.receiveData(early), u64be(2n))
    const chain = (await dd.client.call('embedded.anchor.getChain', [CHAIN.toString()])) as { createdAt: number; depositConfirmations: number }
    const created = BigInt(chain.createdAt)
    assert.equal(chain.depositConfirmations, 2)
    let frontier = (await dd.client.getFrontierMomentum()).height
    assert.equal(frontier, created + 1n)

    const a = watcher(dirA) // depositConfirmations 2, from the anchor
    const b = watcher(dirB, 0n) // override: every confirmed momentum
    assert.equal(await a.next(request()), undefined)
    await a.sync()
    await b.sync()
    // A: frontier − 2 is below the chain's creation: nothing usable yet.
    assert.deepEqual(a.status(), { scannedHeight: created - 1n, originHeight: undefined, knownDeposits: 0n })
    assert.equal(await a.next(request()), undefined)
    // B: both momentums scanned; the refused deposit is no deposit.
    assert.deepEqual(b.status(), { scannedHeight: frontier, originHeight: frontier, knownDeposits: 0n })
    assert.deepEqual(await b.next(request()), { origin: await momentumAt(dd, frontier), deposits: [] })
    assert.ok(events.some((e) => e.msg === 'Deposit send refused by the anchor (refunded on NoM)' && e.sendHash === toHex(early) && e.momentumHeight === Number(created)))

    // ZNN and QSR deposits confirmed in momentum S; their receives not yet.
    const znnSend = await dd.deposit(CHAIN, R1, 5n * COIN)
    const qsrSend = await dd.deposit(CHAIN, R2, 3n * COIN, QSR_ZTS)
    const S = await dd.tick()
    assert.equal(await dd.receiveData(znnSend), undefined)
    await b.sync()
    // S is not an origin before its Deposit receives confirm.
    assert.deepEqual(b.status(), { scannedHeight: S - 1n, originHeight: S - 1n, knownDeposits: 0n })
    assert.deepEqual(await b.next(request()), { origin: await momentumAt(dd, S - 1n), deposits: [] })
    assert.ok(events.some((e) => e.msg === 'waiting for the anchor receive of a Deposit send' && e.momentumHeight === Number(S)))

    frontier = await dd.tick() // S + 1: the receives
    assert.deepEqual(await dd.receiveData(znnSend), u64be(1n))
    await a.sync()
    await b.sync()
    const txs = [await expectedTx(dd, 1n), await expectedTx(dd, 2n)]
    const fromB = await b.next(request())
    assert.deepEqual(fromB?.origin, await momentumAt(dd, frontier))
    assert.deepEqual(fromB?.deposits.map(encodeDepositTx), txs)
    // A: S is not yet 2 momentums deep.
    assert.deepEqual(a.status(), { scannedHeight: S - 1n, originHeight: S - 1n, knownDeposits: 0n })
    assert.deepEqual((await a.next(request()))?.deposits, [])

    await dd.tick()
    await a.sync()
    assert.deepEqual(a.status(), { scannedHeight: S, originHeight: S, knownDeposits: 2n })
    const all = await a.next(request(await momentumAt(dd, S - 1n)))
    assert.deepEqual(all?.origin, await momentumAt(dd, S))
    assert.deepEqual(all?.deposits.map(encodeDepositTx), txs)
    const [d1, d2] = all!.deposits
    assert.equal(await a.depositIndexOf(d1!.sourceHash), 1n)
    assert.equal(await a.depositIndexOf(d2!.sourceHash), 2n)
    assert.equal(await a.depositIndexOf(new Uint8Array(32)), undefined)
    assert.deepEqual((await a.deposit(2n))?.tx, d2)
    assert.equal(await a.deposit(3n), undefined)
    // the chain's cursor: what follows it, nothing twice
    assert.deepEqual((await a.next(request(await momentumAt(dd, S), d1!.sourceHash)))?.deposits.map(encodeDepositTx), [txs[1]])
    assert.deepEqual((await a.next(request(await momentumAt(dd, S), d2!.sourceHash)))?.deposits, [])
    // a parent origin newer than the watcher's scan (it is behind): nothing yet, never an older origin
    assert.equal(await a.next(request(await momentumAt(dd, S + 1n))), undefined)
    // log lines of the two deposits
    assert.deepEqual(
      events.filter((e) => e.msg === 'deposit' && e.index !== undefined).slice(0, 2).map((e) => [e.index, e.token, e.amount]),
      [[1, 'zts1znnxxxxxxxxxxxxx9z4ulx', '500000000'], [2, 'zts1qsrxxxxxxxxxxxxxmrhjll', '300000000']],
    )

    // typed errors of next
    const fake = { height: S, hash: new Uint8Array(32).fill(7), timestamp: 1n }
    const canonicalS = toHex((await momentumAt(dd, S)).hash)
    await assert.rejects(a.next(request(fake)), (e: unknown) => {
      assert.ok(e instanceof OriginNotCanonicalError)
      assert.equal(e.message, `the parent block's origin momentum ${S} ${'07'.repeat(32)} is not canonical: NoM has ${canonicalS} at that height`)
      return true
    })
    await assert.rejects(a.next(request({ ...fake, height: 1_000_000n })), {
      name: 'OriginNotCanonicalError',
      message: `the parent block's origin momentum 1000000 ${'07'.repeat(32)} is not canonical: NoM has no momentum at that height`,
    })
    await assert.rejects(a.next(request(await momentumAt(dd, S), new Uint8Array(32).fill(9))), (e: unknown) => {
      assert.ok(e instanceof UnknownDepositError)
      assert.equal(e.message, `the chain holds deposit 0x${'09'.repeat(32)}, which the watcher does not know although it has scanned to momentum ${S}`)
      return true
    })

    // restart on the same data dir: the same answers before any scan, then new deposits continue the indices
    await a.stop()
    const a2 = watcher(dirA)
    assert.deepEqual((await a2.next(request(undefined, d1!.sourceHash)))?.deposits.map(encodeDepositTx), [txs[1]])
    assert.deepEqual(a2.status(), { scannedHeight: S, originHeight: S, knownDeposits: 2n })
    await dd.deposit(CHAIN, R2, 7n * COIN)
    await dd.tick(4)
    await a2.sync()
    const after = await a2.next(request(await momentumAt(dd, S), d2!.sourceHash))
    assert.deepEqual(after?.deposits.map(encodeDepositTx), [await expectedTx(dd, 3n)])
    assert.deepEqual((await a2.next(request()))?.deposits.map(encodeDepositTx), [...txs, await expectedTx(dd, 3n)])
    assert.equal(a2.status().knownDeposits, 3n)
    await a2.stop()

    // a data dir of another chain is refused
    const other = createDepositWatcher({ client: dd.watcherClient, chainId: CHAIN + 1n, dataDir: dirA, log: () => {} })
    await assert.rejects(other.next(request()), (e: unknown) => {
      assert.ok(e instanceof DepositStoreError)
      assert.equal(e.message, `the deposit watcher's database at ${dirA} belongs to chain ${CHAIN}, not ${CHAIN + 1n}`)
      return true
    })
    await other.stop()
  } finally {
    for (const w of watchers) await w.stop()
    await dd.stop()
    await rm(dirA, { recursive: true, force: true })
    await rm(dirB, { recursive: true, force: true })
  }
})
