import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createNoMClient } from '../../../nom/rpc/client.ts'
import type { NoMClient } from '../../../nom/rpc/client.ts'
import { publishSend, waitForConfirmation } from '../../../nom/send.ts'
import { ZNN_ZTS, QSR_ZTS, PLASMA_ADDRESS } from '../../../nom/constants.ts'
import { balanceOf } from '../../../nom/json.ts'
import { hashMomentum } from '../../../nom/momentum.ts'
import { hashAccountBlock } from '../../../nom/accountBlock.ts'
import { verify } from '../../../nom/keys.ts'
import { BlockType } from '../../../nom/types.ts'
import { bytesEqual, toHex } from '../../../nom/hash.ts'
import { RPCError } from '../../../nom/errors.ts'
import type { Harness } from '../devnetHarness.ts'
import { devAccount, startDevnet } from '../devnetHarness.ts'

let h: Harness
let http: NoMClient
let ws: NoMClient

before(async () => {
  h = await startDevnet(150)
  http = createNoMClient({ url: h.devnet.httpUrl })
  ws = createNoMClient({ url: h.devnet.wsUrl })
})

after(async () => {
  await ws.close()
  await http.close()
  await h.stop()
})

test('the url picks the transport', () => {
  assert.throws(() => createNoMClient({ url: 'tcp://127.0.0.1:1' }), new TypeError('NoM client url must start with http://, https://, ws:// or wss://, got "tcp://127.0.0.1:1"'))
  assert.throws(() => http.subscribeMomentums(() => {}), new TypeError('subscriptions need a WebSocket client (ws:// url)'))
})

test('every §4 method returns typed values, the same over HTTP and WebSocket', async () => {
  const a = devAccount(6)
  const b = devAccount(7)
  const s1 = await publishSend(ws, a, { toAddress: b.address, tokenStandard: ZNN_ZTS, amount: 11n })
  // unconfirmed right after publishing
  const unconfirmed = await http.getUnconfirmedBlocksByAddress(a.address, 0, 10)
  assert.deepEqual(unconfirmed.list.map((x) => toHex(x.hash)), [toHex(s1.hash)])
  assert.equal(unconfirmed.list[0]!.confirmationDetail, null)
  const s2 = await publishSend(http, a, { toAddress: b.address, tokenStandard: QSR_ZTS, amount: 22n })
  await waitForConfirmation(ws, s1.hash, { pollMs: 50 })
  const c2 = await waitForConfirmation(http, s2.hash, { pollMs: 50 })
  // Both sends can be confirmed by momentum 2: heights 1–3 are read below, so wait for the third.
  while ((await http.getFrontierMomentum()).height < 3n) await new Promise((resolve) => setTimeout(resolve, 50))

  for (const client of [http, ws]) {
    const frontier = await client.getFrontierMomentum()
    assert.deepEqual(hashMomentum(frontier), frontier.hash)
    assert.equal(verify(frontier.publicKey, frontier.hash, frontier.signature), true)
    assert.deepEqual(await client.getMomentumByHash(frontier.hash), frontier)
    assert.equal(await client.getMomentumByHash(new Uint8Array(32).fill(0xee)), null)

    const byHeight = await client.getMomentumsByHeight(1, 3)
    assert.deepEqual(byHeight.list.map((m) => m.height), [1n, 2n, 3n])
    assert.ok(byHeight.count >= frontier.height)
    assert.deepEqual(byHeight.list[1]!.previousHash, byHeight.list[0]!.hash)
    const byPage = await client.getMomentumsByPage(0, 2)
    assert.ok(byPage.list[0]!.height > byPage.list[1]!.height, 'newest first')
    const detailed = await client.getDetailedMomentumsByHeight(c2.confirmationDetail!.momentumHeight, 1)
    assert.ok(detailed.list[0]!.blocks.some((x) => bytesEqual(x.hash, s2.hash)))
    const genesis = byHeight.list[0]!
    assert.equal(await client.getMomentumBeforeTime(genesis.timestamp), null)
    const before2 = await client.getMomentumBeforeTime(byHeight.list[2]!.timestamp)
    assert.ok(before2 !== null && before2.timestamp < byHeight.list[2]!.timestamp)

    const front = await client.getFrontierAccountBlock(a.address)
    assert.deepEqual(front?.hash, s2.hash)
    assert.equal(await client.getFrontierAccountBlock(devAccount(12).address), null)
    const read = await client.getAccountBlockByHash(s1.hash)
    assert.deepEqual(hashAccountBlock(read!), s1.hash)
    assert.equal(read!.token?.symbol, 'ZNN')
    assert.equal(read!.pairedAccountBlock, null)
    assert.ok(read!.confirmationDetail!.numConfirmations >= 1n)
    assert.equal(await client.getAccountBlockByHash(new Uint8Array(32).fill(0xee)), null)

    const asc = await client.getAccountBlocksByHeight(a.address, 1, 10)
    assert.deepEqual(asc.list.map((x) => x.height), [1n, 2n, 3n])
    assert.equal(asc.count, 3n)
    const desc = await client.getAccountBlocksByPage(a.address, 0, 10)
    assert.deepEqual(desc.list.map((x) => x.height), [3n, 2n, 1n])

    const unreceived = await client.getUnreceivedBlocksByAddress(b.address, 0, 10)
    assert.deepEqual(unreceived.list.map((x) => toHex(x.hash)).sort(), [toHex(s1.hash), toHex(s2.hash)].sort())
    assert.equal(unreceived.list.find((x) => bytesEqual(x.hash, s2.hash))?.blockType, BlockType.UserSend)

    const info = await client.getAccountInfoByAddress(a.address)
    assert.deepEqual(info.address, a.address)
    assert.equal(info.accountHeight, 3n)
    assert.equal(balanceOf(info, ZNN_ZTS), 100_000_000_000_000n - 11n)
    assert.equal(balanceOf(info, QSR_ZTS), 100_000_000_000_000n - 22n)

    const pow = await client.getRequiredPoWForAccountBlock({ address: a.address, blockType: BlockType.UserSend, toAddress: b.address, data: new Uint8Array(3) })
    assert.equal(pow.basePlasma, 21_000n + 3n * 68n)
    await assert.rejects(
      client.getRequiredPoWForAccountBlock({ address: a.address, blockType: BlockType.UserSend, toAddress: PLASMA_ADDRESS, data: new Uint8Array(0) }),
      new RPCError(-32000, 'method not found in the abi'),
    )
    assert.equal(pow.requiredDifficulty, 0n)
    assert.ok(pow.availablePlasma > pow.basePlasma)
    const plasma = await client.getPlasma(a.address)
    assert.equal(plasma.qsrAmount, 1_000n * 100_000_000n)
    assert.equal(plasma.maxPlasma, 2_100_000n)
    const fusions = await client.getFusionEntriesByAddress(a.address, 0, 10)
    assert.equal(fusions.count, 1n)
    assert.deepEqual(fusions.list[0]!.beneficiary, a.address)

    const sync = await client.syncInfo()
    assert.equal(sync.state, 2)
    assert.ok(sync.currentHeight >= frontier.height)
    const net = await client.networkInfo()
    assert.equal(net.self.ip, '127.0.0.1')
    assert.equal(net.self.name, '*self*')
    assert.equal(typeof (await client.processInfo()).version, 'string')
    assert.equal(typeof (await client.osInfo()), 'object')
  }
})

test('node errors reach the caller as RPCError with the node text', async () => {
  await assert.rejects(http.getMomentumsByHeight(0, 1), new RPCError(-32000, 'height parameter must be strictly greater than zero'))
  await assert.rejects(ws.call('ledger.noSuchMethod', []), new RPCError(-32601, 'the method ledger.noSuchMethod does not exist/is not available'))
})
