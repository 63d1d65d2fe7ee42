import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { RLP } from '@ethereumjs/rlp'
import { createTxFromRLP } from '@ethereumjs/tx'
import { bigIntToUnpaddedBytes, bytesToHex, concatBytes } from '@ethereumjs/util'
import { TransactionRejectedError } from '../../../node/errors.ts'
import { createSenderRecovery, type RecoveryRequest, type SenderRecovery } from '../../../node/txpool/senderRecovery.ts'
import { spawnSync } from 'node:child_process'
import { ADDRESSES, createPoolFixture, hex, signTx } from './fixtures.ts'
import { common, requestFor, requestOf } from './recoveryFixture.ts'
import type { PoolFixture } from './fixtures.ts'

const opened: SenderRecovery[] = []
const fixtures: PoolFixture[] = []
after(async () => {
  for (const r of opened) await r.close()
  for (const f of fixtures) await f.cleanup()
})

function open(options: Parameters<typeof createSenderRecovery>[0]): SenderRecovery {
  const recovery = createSenderRecovery(options)
  opened.push(recovery)
  return recovery
}

/** A type-2 tx whose r is in range but no curve point has it as x: recovery finds no key. */
function unrecoverable(nonce: bigint): { raw: Uint8Array; request: RecoveryRequest } {
  const fields = RLP.decode(signTx({ nonce }).subarray(1)) as Uint8Array[]
  for (let r = 1n; ; r++) {
    fields[10] = bigIntToUnpaddedBytes(r)
    const raw = concatBytes(Uint8Array.of(2), RLP.encode(fields))
    let recovered: boolean
    try {
      createTxFromRLP(raw, { common }).getSenderPublicKey()
      recovered = true
    } catch {
      recovered = false
    }
    if (!recovered) return { raw, request: requestFor(raw) }
  }
}

const txs = Array.from({ length: 30 }, (_, i) => signTx({ nonce: BigInt(i), key: i % 3 }))

describe('sender recovery', () => {
  it('recovers in bulk on the worker the keys the library recovers, in request order', async () => {
    const recovery = open({ minBulk: 1, chunk: 7 })
    const cases = txs.map(requestOf)
    const keys = await Promise.all(cases.map((c) => recovery.recover(c.request)))
    assert.deepEqual(keys.map((k) => (k === undefined ? 'none' : bytesToHex(k))), cases.map((c) => c.expected))
  })

  it('recovers a lone request inline with the same result', async () => {
    const recovery = open({ minBulk: 4 })
    const { request, expected } = requestOf(txs[0]!)
    assert.equal(bytesToHex((await recovery.recover(request))!), expected)
  })

  it('answers undefined for a signature that recovers no key, inline and on the worker', async () => {
    const { request } = unrecoverable(0n)
    assert.equal(await open({ minBulk: Number.POSITIVE_INFINITY }).recover(request), undefined)
    const bulk = open({ minBulk: 1 })
    const good = requestOf(txs[1]!)
    const [bad, ok] = await Promise.all([bulk.recover(request), bulk.recover(good.request)])
    assert.equal(bad, undefined)
    assert.equal(bytesToHex(ok!), good.expected)
  })

  it('closing while the worker is mid-chunk answers every request and leaves the process running', () => {
    // worker.terminate() inside the native call aborted the whole process; close() now lets the
    // worker finish what it was sent. The child closes 12 recoveries at varying points.
    const child = spawnSync(process.execPath, ['--import', 'tsx', 'test/node/txpool/closeRecoveryProcess.ts', '12'], { encoding: 'utf8', timeout: 120_000 })
    assert.equal(child.signal, null, child.stderr)
    assert.equal(child.status, 0, child.stderr)
    assert.equal(child.stdout, 'closed 12\n')
  })

  it('starts a new worker after close', async () => {
    const recovery = open({ minBulk: 1 })
    const { request, expected } = requestOf(txs[2]!)
    assert.equal(bytesToHex((await recovery.recover(request))!), expected)
    await recovery.close()
    assert.equal(bytesToHex((await recovery.recover(request))!), expected)
  })
})

describe('txpool admission with bulk recovery', () => {
  it('admits a batch of one sender in call order and refuses an unrecoverable tx in it with geth’s message', async () => {
    const fixture = await createPoolFixture({ senderRecovery: open({ minBulk: 1, chunk: 5 }) })
    fixtures.push(fixture)
    const { pool } = fixture
    // Nonces 0..19 of one sender started at once (as a JSON-RPC batch does), with an unrecoverable
    // tx between them: every good one is admitted and pending, in nonce order.
    const raws = Array.from({ length: 20 }, (_, i) => signTx({ nonce: BigInt(i) }))
    const bad = unrecoverable(20n).raw
    const results = await Promise.allSettled([...raws.slice(0, 10).map((r) => pool.add(r)), pool.add(bad), ...raws.slice(10).map((r) => pool.add(r))])
    const refused = results[10]!
    assert.equal(refused.status, 'rejected')
    assert.ok(refused.reason instanceof TransactionRejectedError)
    assert.equal(refused.reason.message, 'invalid sender: invalid transaction v, r, s values')
    assert.ok(results.every((r, i) => i === 10 || r.status === 'fulfilled'))
    const pending = pool.content().pending.get(hex(ADDRESSES[0]!))
    assert.deepEqual([...(pending?.keys() ?? [])], raws.map((_, i) => BigInt(i)))
    assert.equal(pool.status().pending, 20)
  })
})
