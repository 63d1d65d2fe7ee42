/**
 * Momentum production: hashes recompute from the served fields, signatures verify, timestamps
 * strictly increase, at most 100 blocks per momentum with an account's blocks kept together, and
 * embedded-contract receives one momentum after the send with momentumAcknowledged = the
 * confirming momentum.
 */
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import type { AccountBlock, Momentum } from '../../../../nom/types.ts'
import { BlockType } from '../../../../nom/types.ts'
import { hashMomentum, momentumProducer } from '../../../../nom/momentum.ts'
import { accountBlockFromJSON, momentumFromJSON } from '../../../../nom/json.ts'
import { verify } from '../../../../nom/keys.ts'
import { signAccountBlock } from '../../../../nom/accountBlock.ts'
import { encodeCall } from '../../../../nom/abi.ts'
import { EMPTY_PUBLIC_KEY_ADDRESS, formatAddress } from '../../../../nom/address.ts'
import { bytesEqual, toHex, u64be } from '../../../../nom/hash.ts'
import { PLASMA_ADDRESS, QSR_ZTS, ZNN_ZTS } from '../../../../nom/constants.ts'
import { devKey, frontierBlock, frontierMomentum, publish, send, startDevnet, template } from '../helpers.ts'
import type { TestDevnet } from '../helpers.ts'

let net: TestDevnet
before(async () => {
  // momentums on demand, so the test decides which blocks each momentum can see
  net = await startDevnet()
})
after(async () => {
  await net.dispose()
})

async function momentums(from: bigint, to: bigint): Promise<Momentum[]> {
  const r = (await net.call('ledger.getMomentumsByHeight', [Number(from), Number(to - from + 1n)])) as { list: unknown[] }
  return r.list.map((m) => momentumFromJSON(m))
}

test('every momentum hash recomputes from its fields, is signed by the producer, timestamps strictly increase', async () => {
  await net.produceMomentumNow()
  await net.produceMomentumNow()
  await net.produceMomentumNow()
  const frontier = await frontierMomentum(net)
  const list = await momentums(1n, frontier.height)
  assert.ok(list.length >= 4)
  const genesis = list[0]!
  assert.equal(genesis.height, 1n)
  assert.equal(genesis.publicKey.length, 0)
  assert.equal(genesis.signature.length, 0)
  assert.ok(bytesEqual(momentumProducer(genesis), EMPTY_PUBLIC_KEY_ADDRESS))
  assert.equal(genesis.content.length, 12) // 10 accounts, the plasma and the token contract
  for (let i = 0; i < list.length; i++) {
    const m = list[i]!
    assert.equal(toHex(hashMomentum(m)), toHex(m.hash), `momentum ${m.height} hash`)
    if (i === 0) continue
    const prev = list[i - 1]!
    assert.ok(bytesEqual(m.previousHash, prev.hash))
    assert.equal(m.height, prev.height + 1n)
    assert.ok(m.timestamp > prev.timestamp, `timestamp of ${m.height} increases`)
    assert.ok(verify(m.publicKey, m.hash, m.signature), `signature of ${m.height}`)
    assert.equal(m.data.length, 0)
  }
})

test('at most 100 blocks per momentum; an account’s unconfirmed blocks are confirmed together', async () => {
  const n = 12
  const keys = Array.from({ length: 9 }, (_, i) => devKey(i))
  const published: AccountBlock[] = []
  for (const key of keys) {
    let t = await template(net, key, { blockType: BlockType.UserSend, toAddress: devKey(9).address, amount: 1n, tokenStandard: ZNN_ZTS, fusedPlasma: 21_000n })
    for (let i = 0; i < n; i++) {
      const b = signAccountBlock(t, key)
      const r = await publish(net, b)
      assert.equal(r.error, undefined)
      published.push(b)
      t = { ...t, previousHash: b.hash, height: b.height + 1n }
    }
  }
  const first = await net.produceMomentumNow()
  const second = await net.produceMomentumNow()
  for (const key of keys) {
    const u = (await net.call('ledger.getUnconfirmedBlocksByAddress', [formatAddress(key.address), 0, 50])) as { count: number }
    assert.equal(u.count, 0)
  }
  const list = await momentums(first.height, second.height)
  const where = new Map<string, bigint>()
  for (const m of list) {
    assert.ok(m.content.length <= 100, `momentum ${m.height} has ${m.content.length} blocks`)
    for (const c of m.content) where.set(toHex(c.hash), m.height)
  }
  for (const key of keys) {
    const heights = new Set(published.filter((b) => bytesEqual(b.address, key.address)).map((b) => where.get(toHex(b.hash))))
    assert.equal(heights.size, 1, `blocks of ${formatAddress(key.address)} in one momentum`)
    assert.notEqual([...heights][0], undefined)
  }
  const counts = list.map((m) => m.content.length).filter((c) => c > 0)
  assert.deepEqual(counts, [96, 12])
})

test('contract receive comes one momentum after the send, acknowledging the confirming momentum', async () => {
  const A = devKey(4)
  const fuse = await send(net, A, PLASMA_ADDRESS, 20n * 100_000_000n, QSR_ZTS, { data: encodeCall('Fuse(address)', [A.address]), fusedPlasma: 52_500n })
  assert.equal((await publish(net, fuse)).error, undefined)
  assert.equal(await net.call('ledger.getAccountBlockByHash', [toHex(fuse.hash)]), null) // unconfirmed
  const confirming = await net.produceMomentumNow()
  const confirmedAt = confirming.height
  assert.ok(confirming.content.some((c) => bytesEqual(c.hash, fuse.hash)))
  assert.ok(!confirming.content.some((c) => bytesEqual(c.address, PLASMA_ADDRESS)))
  const next = await net.produceMomentumNow()
  const receive = (await frontierBlock(net, PLASMA_ADDRESS))!
  assert.ok(bytesEqual(receive.fromBlockHash, fuse.hash))
  assert.ok(next.content.some((c) => bytesEqual(c.hash, receive.hash)))
  assert.equal(receive.blockType, BlockType.ContractReceive)
  assert.equal(receive.momentumAcknowledged.height, confirmedAt)
  assert.ok(bytesEqual(receive.momentumAcknowledged.hash, confirming.hash))
  assert.ok(bytesEqual(receive.data, u64be(1n)))
  assert.equal(receive.publicKey.length, 0)
  const json = (await net.call('ledger.getAccountBlockByHash', [toHex(receive.hash)])) as { confirmationDetail: { momentumHeight: number }; pairedAccountBlock: { hash: string } }
  assert.equal(BigInt(json.confirmationDetail.momentumHeight), confirmedAt + 1n)
  assert.equal(json.pairedAccountBlock.hash, toHex(fuse.hash))
  const sendJSON = accountBlockFromJSON(await net.call('ledger.getAccountBlockByHash', [toHex(fuse.hash)]))
  assert.ok(bytesEqual(sendJSON.hash, fuse.hash))
  const plasma = (await net.call('embedded.plasma.get', [formatAddress(A.address)])) as { qsrAmount: string; maxPlasma: number }
  assert.equal(plasma.qsrAmount, (1020n * 100_000_000n).toString())
  assert.equal(plasma.maxPlasma, 1020 * 2100)
})
