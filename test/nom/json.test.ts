import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  accountBlockFromJSON,
  accountBlockToJSON,
  accountBlockWithExtrasFromJSON,
  accountInfoFromJSON,
  accountInfoToJSON,
  balanceOf,
  momentumFromJSON,
  momentumToJSON,
  tokenInfoFromJSON,
  tokenInfoToJSON,
} from '../../nom/json.ts'
import { emptyAccountBlock, hashAccountBlock } from '../../nom/accountBlock.ts'
import { hashMomentum } from '../../nom/momentum.ts'
import { keyPairFromSeed, sign, verify } from '../../nom/keys.ts'
import { PLASMA_ADDRESS, QSR_ZTS, ZNN_ZTS } from '../../nom/constants.ts'
import { BlockType } from '../../nom/types.ts'
import { ZERO_HASH, toHex } from '../../nom/hash.ts'
import { formatAddress } from '../../nom/address.ts'
import { InvalidJSONError } from '../../nom/errors.ts'
import { fusionEntryListFromJSON } from '../../nom/rpc/results.ts'
import { RECEIVE_JSON, RPC_MOMENTUM_TEXT, RPC_SEND_WITH_EXTRAS_TEXT, SEND_JSON } from './vectors.ts'

const ZNN_TOKEN = {
  name: 'Zenon Coin',
  symbol: 'ZNN',
  domain: 'zenon.network',
  totalSupply: '19500000000000',
  decimals: 8,
  owner: 'z1qxemdeddedxt0kenxxxxxxxxxxxxxxxxh9amk0',
  tokenStandard: 'zts1znnxxxxxxxxxxxxx9z4ulx',
  maxSupply: '4611686018427387903',
  isBurnable: true,
  isMintable: true,
  isUtility: true,
}

test('account block JSON round-trips byte for byte, keys in go-zenon order', () => {
  for (const j of [SEND_JSON, RECEIVE_JSON]) {
    const b = accountBlockFromJSON(j)
    assert.equal(JSON.stringify(accountBlockToJSON(b)), JSON.stringify(j))
  }
  assert.deepEqual(Object.keys(accountBlockToJSON(accountBlockFromJSON(SEND_JSON))), Object.keys(SEND_JSON))
})

test('RPC read form appends token, confirmationDetail, pairedAccountBlock', () => {
  const send = accountBlockFromJSON(SEND_JSON)
  const receive = accountBlockFromJSON(RECEIVE_JSON)
  const cd = { numConfirmations: 3n, momentumHeight: 7n, momentumHash: new Uint8Array(32).fill(5), momentumTimestamp: 1000000070n }
  const token = tokenInfoFromJSON(ZNN_TOKEN)
  const paired = { ...receive, token: null, confirmationDetail: null, pairedAccountBlock: null }
  const j = accountBlockToJSON(send, { token, confirmationDetail: cd, pairedAccountBlock: paired })
  const keys = Object.keys(j)
  assert.deepEqual(keys.slice(-3), ['token', 'confirmationDetail', 'pairedAccountBlock'])
  assert.deepEqual(j.confirmationDetail, { numConfirmations: 3, momentumHeight: 7, momentumHash: '05'.repeat(32), momentumTimestamp: 1000000070 })
  assert.deepEqual(j.token, ZNN_TOKEN)
  const back = accountBlockWithExtrasFromJSON(JSON.parse(JSON.stringify(j)))
  assert.deepEqual(back.confirmationDetail, cd)
  assert.deepEqual(back.token, token)
  assert.deepEqual(back.pairedAccountBlock?.hash, receive.hash)
  assert.equal(back.pairedAccountBlock?.pairedAccountBlock, null)
  assert.throws(() => accountBlockWithExtrasFromJSON(SEND_JSON), new InvalidJSONError('accountBlock.token: missing'))
})

test('an RPC read from a node (with token, confirmationDetail, paired receive) decodes and re-encodes to the same text', () => {
  const b = accountBlockWithExtrasFromJSON(JSON.parse(RPC_SEND_WITH_EXTRAS_TEXT))
  assert.equal(JSON.stringify(accountBlockToJSON(b, b)), RPC_SEND_WITH_EXTRAS_TEXT)
  assert.equal(toHex(hashAccountBlock(b)), '3835082b4afb76971d58d6ad510e7e91f3bb0d41912fac4ec4cfef7bd7bbea73')
  const paired = b.pairedAccountBlock!
  assert.equal(toHex(hashAccountBlock(paired)), '158a0a5a7b4d57f4d92e3c068db19125fcc31ff0f059de0df98c920b54a83cd2')
  assert.equal(verify(paired.publicKey, paired.hash, paired.signature), true)
  assert.equal(paired.confirmationDetail?.momentumHeight, 3n)
  assert.equal(b.token?.totalSupply, 19_500_000_000_000n)
})

test('contract blocks: empty publicKey/signature are null, descendants nest in nom form', () => {
  const d = emptyAccountBlock({ blockType: BlockType.ContractSend, address: PLASMA_ADDRESS, toAddress: keyPairFromSeed(new Uint8Array(32).fill(1)).address, amount: 5n, tokenStandard: QSR_ZTS, height: 3n })
  const withHash = { ...d, hash: hashAccountBlock(d) }
  const r = emptyAccountBlock({ blockType: BlockType.ContractReceive, address: PLASMA_ADDRESS, descendantBlocks: [withHash], data: Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 1]), height: 4n })
  const j = accountBlockToJSON(r)
  assert.equal(j.publicKey, null)
  assert.equal(j.signature, null)
  assert.equal(j.data, 'AAAAAAAAAAE=')
  const nested = (j.descendantBlocks as Record<string, unknown>[])[0]!
  assert.equal('token' in nested, false)
  assert.equal(nested.amount, '5')
  const back = accountBlockFromJSON(JSON.parse(JSON.stringify(j)))
  assert.deepEqual(back.descendantBlocks[0]!.hash, withHash.hash)
  assert.deepEqual(back.publicKey, new Uint8Array(0))
  assert.deepEqual(hashAccountBlock(back), hashAccountBlock(r))
})

test('strict decoding names the field and what was wrong', () => {
  const bad = (patch: Record<string, unknown>, message: string) =>
    assert.throws(() => accountBlockFromJSON({ ...SEND_JSON, ...patch }), new InvalidJSONError(message))
  bad({ nonce: '00' }, 'accountBlock.nonce: expected 16 hex characters, got "00"')
  bad({ nonce: '000000000000000g' }, 'accountBlock.nonce: expected 16 hex characters, got "000000000000000g"')
  bad({ amount: 10000000000 }, 'accountBlock.amount: expected a decimal string, got 10000000000')
  bad({ amount: '-1' }, 'accountBlock.amount: expected a decimal string, got "-1"')
  bad({ height: '2' }, 'accountBlock.height: expected a non-negative integer number, got "2"')
  bad({ height: 2 ** 53 }, 'accountBlock.height: expected a non-negative integer number, got 9007199254740992')
  bad({ blockType: 6 }, 'accountBlock.blockType: expected a block type 1..5, got 6')
  bad({ hash: '0x' + SEND_JSON.hash.slice(2) }, `accountBlock.hash: expected a 64-hex-character hash, got "0x${SEND_JSON.hash.slice(2)}"`)
  bad({ data: 'not base64!' }, 'accountBlock.data: expected a base64 string, got "not base64!"')
  bad({ publicKey: 'AAAA' }, 'accountBlock.publicKey: expected base64 of 32 bytes, got "AAAA"')
  bad({ momentumAcknowledged: { hash: SEND_JSON.hash } }, 'accountBlock.momentumAcknowledged.height: missing')
  bad({ toAddress: 'z1qr4pexnnfaexqqz8nscjjcsajy5hdqfkgadvwy' }, 'accountBlock.toAddress: invalid address "z1qr4pexnnfaexqqz8nscjjcsajy5hdqfkgadvwy": bad checksum')
  bad({ tokenStandard: 'zts1znnxxxxxxxxxxxxx9z4ulz' }, 'accountBlock.tokenStandard: invalid token standard "zts1znnxxxxxxxxxxxxx9z4ulz": bad checksum')
  const { signature: _s, ...noSig } = SEND_JSON
  assert.throws(() => accountBlockFromJSON(noSig), new InvalidJSONError('accountBlock.signature: missing'))
  assert.throws(() => accountBlockFromJSON([]), new InvalidJSONError('accountBlock: expected an object, got []'))
})

test('momentum JSON: go-zenon keys, producer derived and checked, hash recomputes', () => {
  const producer = keyPairFromSeed(new Uint8Array(32).fill(2))
  const content = [{ address: producer.address, hash: new Uint8Array(32).fill(9), height: 4n }]
  const fields = { version: 1n, chainIdentifier: 100n, previousHash: ZERO_HASH, height: 2n, timestamp: 1000000010n, data: new Uint8Array(0), content, changesHash: ZERO_HASH }
  const hash = hashMomentum(fields)
  const m = { ...fields, hash, publicKey: producer.publicKey, signature: sign(producer.privateKey, hash) }
  const j = momentumToJSON(m)
  assert.deepEqual(Object.keys(j), ['version', 'chainIdentifier', 'hash', 'previousHash', 'height', 'timestamp', 'data', 'content', 'changesHash', 'publicKey', 'signature', 'producer'])
  assert.equal(j.data, '')
  assert.deepEqual(j.content, [{ address: formatAddress(producer.address), hash: '09'.repeat(32), height: 4 }])
  const back = momentumFromJSON(JSON.parse(JSON.stringify(j)))
  assert.deepEqual(hashMomentum(back), hash)
  assert.deepEqual(back.producer, producer.address)
  assert.throws(
    () => momentumFromJSON({ ...j, producer: 'z1qzal6c5s9rjnnxd2z7dvdhjxpmmj4fmw56a0mz' }),
    new InvalidJSONError('momentum.producer: expected the address of publicKey, got "z1qzal6c5s9rjnnxd2z7dvdhjxpmmj4fmw56a0mz"'),
  )
  const genesis = momentumToJSON({ ...m, publicKey: new Uint8Array(0), signature: new Uint8Array(0) })
  assert.equal(genesis.publicKey, null)
  assert.equal(genesis.producer, 'z1qznll3hchu0dwej3c9r4dgrp6e30tq8l7qv2em')
})

test('a momentum from a node decodes (producer = address of its key) and re-encodes to the same text', () => {
  const m = momentumFromJSON(JSON.parse(RPC_MOMENTUM_TEXT))
  assert.equal(JSON.stringify(momentumToJSON(m)), RPC_MOMENTUM_TEXT)
  assert.equal(verify(m.publicKey, m.hash, m.signature), true)
  assert.equal(formatAddress(m.producer), 'z1qz8v73ea2vy2rrlq7skssngu8cm8mknjjkr2ju')
})

test('account info: balances keyed by ZTS text in sorted order', () => {
  const j = {
    address: 'z1qzal6c5s9rjnnxd2z7dvdhjxpmmj4fmw56a0mz',
    accountHeight: 5,
    balanceInfoMap: {
      zts1znnxxxxxxxxxxxxx9z4ulx: { token: ZNN_TOKEN, balance: '12' },
      zts1qsrxxxxxxxxxxxxxmrhjll: { token: null, balance: '34' },
    },
  }
  const info = accountInfoFromJSON(j)
  assert.equal(balanceOf(info, ZNN_ZTS), 12n)
  assert.equal(balanceOf(info, QSR_ZTS), 34n)
  assert.equal(balanceOf(info, new Uint8Array(10)), 0n)
  assert.deepEqual(Object.keys(accountInfoToJSON(info).balanceInfoMap as object), ['zts1qsrxxxxxxxxxxxxxmrhjll', 'zts1znnxxxxxxxxxxxxx9z4ulx'])
  assert.deepEqual(tokenInfoToJSON(tokenInfoFromJSON(ZNN_TOKEN)), ZNN_TOKEN)
  assert.throws(() => accountInfoFromJSON({ ...j, balanceInfoMap: { zts1znnxxxxxxxxxxxxx9z4ulx: { token: null, balance: 12 } } }), new InvalidJSONError('accountInfo.balanceInfoMap.zts1znnxxxxxxxxxxxxx9z4ulx.balance: expected a decimal string, got 12'))
})

test('fusion entries: isRevocable read when the node sends it, strictly typed', () => {
  const entry = { qsrAmount: '1000000000', beneficiary: 'z1qzal6c5s9rjnnxd2z7dvdhjxpmmj4fmw56a0mz', expirationHeight: 3700, id: '11'.repeat(32) }
  const list = fusionEntryListFromJSON({ qsrAmount: '2000000000', count: 2, list: [entry, { ...entry, isRevocable: true }] })
  assert.equal(list.list[0]!.isRevocable, undefined)
  assert.equal(list.list[1]!.isRevocable, true)
  assert.equal(list.qsrAmount, 2_000_000_000n)
  assert.throws(
    () => fusionEntryListFromJSON({ qsrAmount: '0', count: 1, list: [{ ...entry, isRevocable: 'yes' }] }),
    new InvalidJSONError('result.list[0].isRevocable: expected a boolean, got "yes"'),
  )
})
