/** Decoding of the anchor's and token contract's JSON answers (the shapes themselves are exercised against the devnet in createDepositWatcher.test.ts). */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { NoMClient } from '../../../nom/rpc/client.ts'
import type { Transport } from '../../../nom/rpc/transport.ts'
import { InvalidJSONError } from '../../../nom/errors.ts'
import { QSR_ZTS } from '../../../nom/constants.ts'
import { readAnchorChain, readAnchorDeposit, readTokenMetadata } from '../../../bridge/deposits/anchorReads.ts'

function clientAnswering(answers: Record<string, unknown>): { client: NoMClient; calls: [string, unknown[]][] } {
  const calls: [string, unknown[]][] = []
  const transport: Transport = {
    async request(method, params) {
      calls.push([method, params])
      return answers[method]
    },
    async close() {},
  }
  return { client: new NoMClient(transport), calls }
}

const DEPOSIT = {
  chainId: 9,
  index: 3,
  sender: 'z1qzps0t8nmrf5jvz5pek0x6502kngkj7wt0f7fx',
  l2Recipient: '0x00112233445566778899aabbccddeeff00112233',
  tokenStandard: 'zts1qsrxxxxxxxxxxxxxmrhjll',
  amount: '123456789',
  momentumHeight: 42,
  momentumHash: 'ab'.repeat(32),
  sendHash: 'cd'.repeat(32),
  value: '0',
  gasLimit: 0,
  data: '0x',
}

test('getDeposit: decoded record and send hash; null is no record; malformed answers are InvalidJSONError', async () => {
  const { client, calls } = clientAnswering({ 'embedded.anchor.getDeposit': DEPOSIT })
  const d = await readAnchorDeposit(client, 9n, 3n)
  assert.deepEqual(calls, [['embedded.anchor.getDeposit', ['9', '3']]])
  assert.equal(d?.index, 3n)
  assert.equal(d?.amount, 123_456_789n)
  assert.equal(d?.momentumHeight, 42n)
  assert.deepEqual(d?.tokenStandard, QSR_ZTS)
  assert.equal(Buffer.from(d!.l2Recipient).toString('hex'), '00112233445566778899aabbccddeeff00112233')
  assert.equal(Buffer.from(d!.sendHash).toString('hex'), 'cd'.repeat(32))
  assert.equal(d?.sender.length, 20)

  assert.equal(await readAnchorDeposit(clientAnswering({ 'embedded.anchor.getDeposit': null }).client, 9n, 3n), undefined)
  const bad = async (answer: unknown, message: string) =>
    assert.rejects(readAnchorDeposit(clientAnswering({ 'embedded.anchor.getDeposit': answer }).client, 9n, 3n), (e: unknown) => {
      assert.ok(e instanceof InvalidJSONError)
      assert.equal(e.message, message)
      return true
    })
  await bad({ ...DEPOSIT, index: 4 }, 'embedded.anchor.getDeposit(3).index: expected 3, got 4')
  await bad({ ...DEPOSIT, l2Recipient: '0x1234' }, 'embedded.anchor.getDeposit(3).l2Recipient: expected a 0x address of 20 bytes, got "0x1234"')
  await bad({ ...DEPOSIT, amount: 5 }, 'embedded.anchor.getDeposit(3).amount: expected a decimal string, got 5')
  const { sendHash: _, ...noSend } = DEPOSIT
  await bad(noSend, 'embedded.anchor.getDeposit(3).sendHash: missing')
  assert.equal(d?.call, undefined)
  await bad({ ...DEPOSIT, data: '0x01' }, 'embedded.anchor.getDeposit(3): a deposit without gasLimit must have value "0" and data "0x"')
  await bad({ ...DEPOSIT, gasLimit: 50_000, data: '0xzz' }, 'embedded.anchor.getDeposit(3).data: expected 0x hex bytes, got "0xzz"')
})

test('getDeposit of a DepositCall: value, gas limit and data become the call', async () => {
  const answer = { ...DEPOSIT, tokenStandard: 'zts1znnxxxxxxxxxxxxx9z4ulx', value: '20000000000000000000', gasLimit: 60_000, data: '0xa9059cbb' }
  const d = await readAnchorDeposit(clientAnswering({ 'embedded.anchor.getDeposit': answer }).client, 9n, 3n)
  assert.deepEqual(d?.call, { value: 20n * 10n ** 18n, gasLimit: 60_000n, data: Uint8Array.from([0xa9, 0x05, 0x9c, 0xbb]) })
})

/** A whole getChain answer (the decoder reads every field). */
const CHAIN = {
  chainId: 9,
  proposer: 'z1qzps0t8nmrf5jvz5pek0x6502kngkj7wt0f7fx',
  challengeWindow: 40,
  sequencingWindow: 30,
  depositConfirmations: 6,
  guardians: [],
  quorum: 0,
  proposerBond: '1',
  flagBond: '1',
  unhaltCooldown: 5,
  halted: false,
  haltedAt: 0,
  unhaltedAt: 0,
  depositCount: 2,
  frameCount: 0,
  commitmentCount: 0,
  nextCommitmentIndex: 1,
  forfeitedFlagBonds: '0',
  createdAt: 17,
  proposerBondBalance: '1',
  lowestFlaggedIndex: null,
  assets: [],
}

test('getChain: the fields the watcher reads; null is no chain', async () => {
  const { client, calls } = clientAnswering({ 'embedded.anchor.getChain': CHAIN })
  const chain = await readAnchorChain(client, 9n)
  assert.deepEqual([chain?.depositConfirmations, chain?.createdAt, chain?.depositCount], [6n, 17n, 2n])
  assert.deepEqual(calls, [['embedded.anchor.getChain', ['9']]])
  assert.equal(await readAnchorChain(clientAnswering({ 'embedded.anchor.getChain': null }).client, 9n), undefined)
  await assert.rejects(readAnchorChain(clientAnswering({ 'embedded.anchor.getChain': { ...CHAIN, depositConfirmations: -1 } }).client, 9n), {
    name: 'InvalidJSONError',
    message: 'embedded.anchor.getChain.depositConfirmations: expected a non-negative integer number, got -1',
  })
})

test('getByZts: name, symbol and decimals; null is an unknown token', async () => {
  const info = {
    name: 'QSR',
    symbol: 'QSR',
    domain: 'zenon.network',
    totalSupply: '100',
    decimals: 8,
    owner: 'z1qxemdeddedxt0kenxxxxxxxxxxxxxxxxh9amk0',
    tokenStandard: 'zts1qsrxxxxxxxxxxxxxmrhjll',
    maxSupply: '1000',
    isBurnable: true,
    isMintable: true,
    isUtility: true,
  }
  const { client, calls } = clientAnswering({ 'embedded.token.getByZts': info })
  assert.deepEqual(await readTokenMetadata(client, QSR_ZTS), { name: 'QSR', symbol: 'QSR', decimals: 8 })
  assert.deepEqual(calls, [['embedded.token.getByZts', ['zts1qsrxxxxxxxxxxxxxmrhjll']]])
  assert.equal(await readTokenMetadata(clientAnswering({ 'embedded.token.getByZts': null }).client, QSR_ZTS), undefined)
})
