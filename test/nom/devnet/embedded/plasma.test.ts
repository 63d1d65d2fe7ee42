/**
 * The plasma contract and plasma accounting: Fuse credits a beneficiary, available plasma drops
 * by what unconfirmed blocks use and comes back at confirmation, CancelFuse before expiry fails,
 * after expiry returns the QSR, unknown ids fail; getRequiredPoWForAccountBlock follows.
 */
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { encodeCall } from '../../../../nom/abi.ts'
import { formatAddress } from '../../../../nom/address.ts'
import { bytesEqual, fromHex, sha3, u64be } from '../../../../nom/hash.ts'
import { PLASMA_ADDRESS, QSR_ZTS, ZNN_ZTS } from '../../../../nom/constants.ts'
import { ErrorText } from '../../../../nom/devnet/errorTexts.ts'
import type { KeyPair } from '../../../../nom/keys.ts'
import { balance, defaultGenesis, devKey, frontierBlock, publish, receive, send, startDevnet } from '../helpers.ts'
import type { TestDevnet } from '../helpers.ts'

const COIN = 100_000_000n
const OWNER = devKey(6)
const POOR = devKey(9)
let net: TestDevnet

before(async () => {
  const genesis = await defaultGenesis()
  const fusions = genesis.fusions as Array<Record<string, unknown>>
  fusions[6] = { ...fusions[6], expirationHeight: 1 }
  net = await startDevnet({ genesis })
})
after(async () => {
  await net.dispose()
})

const plasmaOf = async (k: KeyPair) =>
  (await net.call('embedded.plasma.get', [formatAddress(k.address)])) as { currentPlasma: number; maxPlasma: number; qsrAmount: string }
const entriesOf = async (k: KeyPair) =>
  (await net.call('embedded.plasma.getEntriesByAddress', [formatAddress(k.address), 0, 10])) as {
    qsrAmount: string
    count: number
    list: Array<{ qsrAmount: string; beneficiary: string; expirationHeight: number; id: string }>
  }
const required = async (k: KeyPair) =>
  net.call('embedded.plasma.getRequiredPoWForAccountBlock', [{ address: formatAddress(k.address), blockType: 2, toAddress: formatAddress(OWNER.address), data: '' }])

async function callPlasma(data: Uint8Array, amount: bigint, zts = QSR_ZTS) {
  const s = await send(net, OWNER, PLASMA_ADDRESS, amount, zts, { data, fusedPlasma: 73_500n })
  assert.equal((await publish(net, s)).error, undefined)
  const confirming = await net.produceMomentumNow()
  await net.produceMomentumNow()
  const r = (await frontierBlock(net, PLASMA_ADDRESS))!
  assert.ok(bytesEqual(r.fromBlockHash, s.hash))
  return { send: s, receive: r, confirming }
}

test('an account without fused QSR needs PoW for the whole base plasma', async () => {
  assert.deepEqual(await plasmaOf(POOR), { currentPlasma: 0, maxPlasma: 0, qsrAmount: '0' })
  assert.deepEqual(await required(POOR), { availablePlasma: 0, basePlasma: 21_000, requiredDifficulty: 31_500_000 })
})

test('Fuse for another beneficiary; plasma used by unconfirmed blocks comes back at confirmation', async () => {
  const { receive: r, confirming } = await callPlasma(encodeCall('Fuse(address)', [POOR.address]), 10n * COIN)
  assert.ok(bytesEqual(r.data, u64be(1n)))
  assert.deepEqual(await plasmaOf(POOR), { currentPlasma: 21_000, maxPlasma: 21_000, qsrAmount: (10n * COIN).toString() })
  // available == base is not enough to skip PoW in the RPC, but the block with fusedPlasma = base is valid
  assert.deepEqual(await required(POOR), { availablePlasma: 21_000, basePlasma: 21_000, requiredDifficulty: 0 })
  const entries = await entriesOf(OWNER)
  assert.equal(entries.count, 2)
  assert.equal(entries.qsrAmount, (1010n * COIN).toString())
  const mine = entries.list.find((e) => e.beneficiary === formatAddress(POOR.address))!
  assert.equal(BigInt(mine.expirationHeight), confirming.height + 3600n)

  const s1 = await send(net, POOR, OWNER.address, 1n, ZNN_ZTS)
  assert.equal((await publish(net, s1)).error, undefined)
  assert.equal((await plasmaOf(POOR)).currentPlasma, 0)
  const s2 = await send(net, POOR, OWNER.address, 1n, ZNN_ZTS)
  assert.deepEqual((await publish(net, s2)).error, { code: -32000, message: ErrorText.notEnoughPlasma })
  await net.produceMomentumNow()
  assert.equal((await plasmaOf(POOR)).currentPlasma, 21_000)
  assert.equal((await publish(net, s2)).error, undefined)
})

test('CancelFuse: before expiry fails, unknown id fails, after expiry returns the QSR', async () => {
  const entries = await entriesOf(OWNER)
  const young = entries.list.find((e) => e.beneficiary === formatAddress(POOR.address))!
  const old = entries.list.find((e) => e.beneficiary === formatAddress(OWNER.address))!
  assert.equal(old.expirationHeight, 1)

  const early = await callPlasma(encodeCall('CancelFuse(hash)', [fromHex(young.id)]), 0n, QSR_ZTS)
  assert.ok(bytesEqual(early.receive.data, u64be(2n)))
  assert.equal(early.receive.descendantBlocks.length, 0)
  const unknown = await callPlasma(encodeCall('CancelFuse(hash)', [sha3(Uint8Array.of(7))]), 0n, QSR_ZTS)
  assert.ok(bytesEqual(unknown.receive.data, u64be(2n)))
  assert.equal((await entriesOf(OWNER)).count, 2)

  const qsrBefore = await balance(net, OWNER.address, QSR_ZTS)
  const ok = await callPlasma(encodeCall('CancelFuse(hash)', [fromHex(old.id)]), 0n, QSR_ZTS)
  assert.ok(bytesEqual(ok.receive.data, u64be(1n)))
  assert.equal(ok.receive.descendantBlocks.length, 1)
  const refund = ok.receive.descendantBlocks[0]!
  assert.equal(refund.amount, 1000n * COIN)
  assert.ok(bytesEqual(refund.tokenStandard, QSR_ZTS))
  assert.deepEqual(await plasmaOf(OWNER), { currentPlasma: 0, maxPlasma: 0, qsrAmount: '0' })
  assert.equal((await entriesOf(OWNER)).count, 1)
  // OWNER has no plasma left: receive the refund with PoW-free fused plasma is refused, so check the unreceived list
  const unreceived = (await net.call('ledger.getUnreceivedBlocksByAddress', [formatAddress(OWNER.address), 0, 10])) as { list: Array<{ hash: string; amount: string }> }
  assert.deepEqual(unreceived.list.map((b) => b.amount), ['1', '1', (1000n * COIN).toString()])
  assert.deepEqual((await publish(net, await receive(net, OWNER, refund.hash))).error, { code: -32000, message: ErrorText.notEnoughPlasma })
  assert.equal(await balance(net, OWNER.address, QSR_ZTS), qsrBefore)
})

test('CancelFuse with a deposit is refused at publish', async () => {
  const s = await send(net, devKey(2), PLASMA_ADDRESS, 1n, QSR_ZTS, { data: encodeCall('CancelFuse(hash)', [sha3()]), fusedPlasma: 73_500n })
  assert.deepEqual((await publish(net, s)).error, { code: -32000, message: ErrorText.invalidTokenOrAmount })
})
