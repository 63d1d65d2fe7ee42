import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createNoMClient } from '../../nom/rpc/client.ts'
import type { NoMClient } from '../../nom/rpc/client.ts'
import { publishBlock, publishReceive, publishSend, receiveAll, waitForConfirmation } from '../../nom/send.ts'
import { COIN, PLASMA_ADDRESS, QSR_ZTS, TOKEN_ADDRESS, ZNN_ZTS } from '../../nom/constants.ts'
import { balanceOf } from '../../nom/json.ts'
import { encodeCall } from '../../nom/abi.ts'
import { tokenStandardFromSendHash, formatTokenStandard } from '../../nom/tokenStandard.ts'
import { formatAddress } from '../../nom/address.ts'
import { BlockType } from '../../nom/types.ts'
import { bytesEqual, toHex } from '../../nom/hash.ts'
import { RPCError } from '../../nom/errors.ts'
import type { Harness } from './devnetHarness.ts'
import { devAccount, eventually, startDevnet } from './devnetHarness.ts'

let h: Harness
let client: NoMClient

before(async () => {
  h = await startDevnet()
  client = createNoMClient({ url: h.devnet.wsUrl })
})

after(async () => {
  await client.close()
  await h.stop()
})

const balance = async (kp: { address: Uint8Array }, zts: Uint8Array) => balanceOf(await client.getAccountInfoByAddress(kp.address), zts)

test('sends and receives over WebSocket, each confirmed by a momentum, balances exact', async () => {
  const a = devAccount(0)
  const b = devAccount(1)
  const [a0, b0] = [await balance(a, ZNN_ZTS), await balance(b, ZNN_ZTS)]
  const s1 = await publishSend(client, a, { toAddress: b.address, tokenStandard: ZNN_ZTS, amount: 123_456_789n })
  const s2 = await publishSend(client, a, { toAddress: b.address, tokenStandard: ZNN_ZTS, amount: 1n })
  assert.equal(s2.height, s1.height + 1n)
  assert.deepEqual(s2.previousHash, s1.hash)
  assert.equal(s1.fusedPlasma, 21_000n)
  assert.equal(s1.difficulty, 0n)
  const c1 = await waitForConfirmation(client, s1.hash, { pollMs: 50 })
  const c2 = await waitForConfirmation(client, s2.hash, { pollMs: 50 })
  const m1 = await client.getMomentumByHash(c1.confirmationDetail!.momentumHash)
  assert.ok(m1!.content.some((e) => bytesEqual(e.hash, s1.hash) && e.height === s1.height && bytesEqual(e.address, a.address)))
  assert.ok(c2.confirmationDetail!.momentumHeight >= c1.confirmationDetail!.momentumHeight)
  assert.equal(await balance(a, ZNN_ZTS), a0 - 123_456_790n)

  const received = await receiveAll(client, b)
  assert.deepEqual(received.map((r) => toHex(r.fromBlockHash)).sort(), [toHex(s1.hash), toHex(s2.hash)].sort())
  for (const r of received) {
    assert.equal(r.blockType, BlockType.UserReceive)
    await waitForConfirmation(client, r.hash, { pollMs: 50 })
  }
  assert.equal(await balance(b, ZNN_ZTS), b0 + 123_456_790n)
  assert.deepEqual(await receiveAll(client, b), [])

  const read = await client.getAccountBlockByHash(received[0]!.hash)
  assert.equal(read!.pairedAccountBlock !== null && bytesEqual(read!.pairedAccountBlock.hash, received[0]!.fromBlockHash), true)
  // a second receive of the same send is refused with the node's error text
  await assert.rejects(publishReceive(client, b, s1.hash), new RPCError(-32000, 'account-block from-block already received'))
})

test('Fuse through the plasma contract: QSR leaves exactly, the beneficiary gains plasma', async () => {
  const owner = devAccount(2)
  const beneficiary = devAccount(3)
  const qsr0 = await balance(owner, QSR_ZTS)
  const plasma0 = await client.getPlasma(beneficiary.address)
  const fuse = await publishBlock(client, owner, {
    blockType: BlockType.UserSend,
    toAddress: PLASMA_ADDRESS,
    tokenStandard: QSR_ZTS,
    amount: 20n * COIN,
    data: encodeCall('Fuse(address)', [beneficiary.address]),
  })
  assert.equal(fuse.fusedPlasma, 52_500n)
  await waitForConfirmation(client, fuse.hash, { pollMs: 50 })
  assert.equal(await balance(owner, QSR_ZTS), qsr0 - 20n * COIN)
  const plasma1 = await eventually(async () => {
    const p = await client.getPlasma(beneficiary.address)
    return p.qsrAmount > plasma0.qsrAmount ? p : undefined
  }, 10_000, 'the fusion to apply')
  assert.equal(plasma1.qsrAmount, plasma0.qsrAmount + 20n * COIN)
  assert.equal(plasma1.maxPlasma, plasma0.maxPlasma + 20n * 2_100n)
  const entries = await client.getFusionEntriesByAddress(owner.address, 0, 10)
  const mine = entries.list.find((e) => bytesEqual(e.id, fuse.hash))
  assert.ok(mine !== undefined, 'fusion entry with the send hash as id')
  assert.equal(mine.qsrAmount, 20n * COIN)
  assert.deepEqual(mine.beneficiary, beneficiary.address)
  // the contract answered with a ContractReceive pointing at the send
  const paired = await client.getAccountBlockByHash(fuse.hash)
  assert.equal(paired!.pairedAccountBlock?.blockType, BlockType.ContractReceive)
  assert.deepEqual(paired!.pairedAccountBlock?.address, PLASMA_ADDRESS)
})

test('token issue: ZTS = H(send hash)[0..10], supply arrives at the issuer, 1 ZNN fee', async () => {
  const issuer = devAccount(4)
  const znn0 = await balance(issuer, ZNN_ZTS)
  const supply = 1_000_000n * 10n ** 6n
  const issue = await publishBlock(client, issuer, {
    blockType: BlockType.UserSend,
    toAddress: TOKEN_ADDRESS,
    tokenStandard: ZNN_ZTS,
    amount: COIN,
    data: encodeCall('IssueToken(string,string,string,uint256,uint256,uint8,bool,bool,bool)', [
      'Client-Test-Token',
      'CTT',
      'nomx.dev',
      supply,
      supply * 2n,
      6n,
      true,
      true,
      false,
    ]),
  })
  assert.equal(issue.fusedPlasma, 73_500n)
  await waitForConfirmation(client, issue.hash, { pollMs: 50 })
  const zts = tokenStandardFromSendHash(issue.hash)
  const pending = await eventually(async () => {
    const list = await client.getUnreceivedBlocksByAddress(issuer.address, 0, 10)
    return list.list.find((b) => bytesEqual(b.tokenStandard, zts))
  }, 10_000, 'the minted supply')
  assert.equal(pending.amount, supply)
  assert.equal(pending.blockType, BlockType.ContractSend)
  assert.deepEqual(pending.address, TOKEN_ADDRESS)
  const received = await receiveAll(client, issuer)
  for (const r of received) await waitForConfirmation(client, r.hash, { pollMs: 50 })
  assert.equal(await balance(issuer, zts), supply)
  assert.equal(await balance(issuer, ZNN_ZTS), znn0 - COIN)
  const info = (await client.getAccountInfoByAddress(issuer.address)).balances.find((x) => bytesEqual(x.tokenStandard, zts))
  assert.equal(info?.token?.symbol, 'CTT')
  assert.equal(info?.token?.totalSupply, supply)
  assert.equal(info?.token?.decimals, 6)
  assert.equal(info?.token?.owner !== undefined && formatAddress(info.token.owner), formatAddress(issuer.address))
  const byZts = (await client.call('embedded.token.getByZts', [formatTokenStandard(zts)])) as { name: string; maxSupply: string }
  assert.equal(byZts.name, 'Client-Test-Token')
  assert.equal(byZts.maxSupply, (supply * 2n).toString())
})

test('receiveAll walks past the first page of 50 unreceived sends', async () => {
  const from = devAccount(5)
  const to = devAccount(8)
  const sends: string[] = []
  for (let i = 0; i < 56; i++) sends.push(toHex((await publishSend(client, from, { toAddress: to.address, tokenStandard: ZNN_ZTS, amount: 1n })).hash))
  await waitForConfirmation(client, (await client.getFrontierAccountBlock(from.address))!.hash, { pollMs: 50 })
  const before = await balance(to, ZNN_ZTS)
  const received = await receiveAll(client, to)
  assert.deepEqual(received.map((r) => toHex(r.fromBlockHash)).sort(), [...sends].sort())
  await waitForConfirmation(client, received[received.length - 1]!.hash, { pollMs: 50 })
  assert.equal(await balance(to, ZNN_ZTS), before + 56n)
  assert.equal((await client.getUnreceivedBlocksByAddress(to.address, 0, 50)).list.length, 0)
})
