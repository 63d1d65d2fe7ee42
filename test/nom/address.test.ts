import { test } from 'node:test'
import { createHash } from 'node:crypto'
import assert from 'node:assert/strict'
import {
  EMPTY_PUBLIC_KEY_ADDRESS,
  ZERO_ADDRESS,
  addressFromPublicKey,
  formatAddress,
  isEmbeddedAddress,
  isUserAddress,
  parseAddress,
} from '../../nom/address.ts'
import { ZERO_ZTS, formatTokenStandard, parseTokenStandard, tokenStandardFromSendHash } from '../../nom/tokenStandard.ts'
import * as C from '../../nom/constants.ts'
import { encodeBech32 } from '../../nom/bech32.ts'
import { EMPTY_HASH, fromHex, toHex } from '../../nom/hash.ts'
import { InvalidAddressError, InvalidTokenStandardError } from '../../nom/errors.ts'

test('H("") and addresses from public keys', () => {
  assert.equal(toHex(EMPTY_HASH), 'a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a')
  const a = addressFromPublicKey(fromHex('e93a02c39b08022e0d05e2653568754a687a25b879419358f1a3a02829a51d3e'))
  assert.equal(formatAddress(a), 'z1qry3r6n4adzwlyqrm6e2s8hz4kff9uzmkqjnqy')
  assert.equal(formatAddress(EMPTY_PUBLIC_KEY_ADDRESS), 'z1qznll3hchu0dwej3c9r4dgrp6e30tq8l7qv2em')
  assert.equal(formatAddress(ZERO_ADDRESS), 'z1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqsggv2f')
  assert.equal(formatAddress(parseAddress('z1qry3r6n4adzwlyqrm6e2s8hz4kff9uzmkqjnqy')), 'z1qry3r6n4adzwlyqrm6e2s8hz4kff9uzmkqjnqy')
  assert.equal(formatAddress(parseAddress('Z1QRY3R6N4ADZWLYQRM6E2S8HZ4KFF9UZMKQJNQY')), 'z1qry3r6n4adzwlyqrm6e2s8hz4kff9uzmkqjnqy')
})

test('embedded contract addresses match the reference table', () => {
  const table: [Uint8Array, string, string][] = [
    [C.PLASMA_ADDRESS, 'z1qxemdeddedxplasmaxxxxxxxxxxxxxxxxsctrp', '01b3b6e5adcb4c1ff61be98c6318c6318c6318c6'],
    [C.PILLAR_ADDRESS, 'z1qxemdeddedxpyllarxxxxxxxxxxxxxxxsy3fmg', '01b3b6e5adcb4c127ffd198c6318c6318c6318c6'],
    [C.TOKEN_ADDRESS, 'z1qxemdeddedxt0kenxxxxxxxxxxxxxxxxh9amk0', '01b3b6e5adcb4cb7db33318c6318c6318c6318c6'],
    [C.SENTINEL_ADDRESS, 'z1qxemdeddedxsentynelxxxxxxxxxxxxxwy0r2r', '01b3b6e5adcb4d0ccd649e7e6318c6318c6318c6'],
    [C.SWAP_ADDRESS, 'z1qxemdeddedxswapxxxxxxxxxxxxxxxxxxl4yww', '01b3b6e5adcb4d077426318c6318c6318c6318c6'],
    [C.STAKE_ADDRESS, 'z1qxemdeddedxstakexxxxxxxxxxxxxxxxjv8v62', '01b3b6e5adcb4d05f6d9318c6318c6318c6318c6'],
    [C.SPORK_ADDRESS, 'z1qxemdeddedxsp0rkxxxxxxxxxxxxxxxx956u48', '01b3b6e5adcb4d00bc76318c6318c6318c6318c6'],
    [C.ACCELERATOR_ADDRESS, 'z1qxemdeddedxaccelerat0rxxxxxxxxxxp4tk22', '01b3b6e5adcb4ddc633fc8fab78cc6318c6318c6'],
    [C.LIQUIDITY_ADDRESS, 'z1qxemdeddedxlyquydytyxxxxxxxxxxxxflaaae', '01b3b6e5adcb4df2038469164318c6318c6318c6'],
    [C.HTLC_ADDRESS, 'z1qxemdeddedxhtlcxxxxxxxxxxxxxxxxxygecvw', '01b3b6e5adcb4d75ff06318c6318c6318c6318c6'],
    [C.BRIDGE_ADDRESS, 'z1qxemdeddedxdrydgexxxxxxxxxxxxxxxmqgr0d', '01b3b6e5adcb4cd191a8c98c6318c6318c6318c6'],
  ]
  for (const [bytes, text, hex] of table) {
    assert.equal(toHex(bytes), hex)
    assert.equal(formatAddress(bytes), text)
    assert.equal(isEmbeddedAddress(bytes), true)
    assert.equal(isUserAddress(bytes), false)
  }
  assert.equal(isUserAddress(ZERO_ADDRESS), true)
})

test('parseAddress names the broken rule', () => {
  const err = (text: string, why: string) => new InvalidAddressError(`invalid address ${JSON.stringify(text)}: ${why}`)
  const good = 'z1qry3r6n4adzwlyqrm6e2s8hz4kff9uzmkqjnqy'
  const badSum = good.slice(0, -1) + 'z'
  assert.throws(() => parseAddress(badSum), err(badSum, 'bad checksum'))
  assert.throws(() => parseAddress('zts1znnxxxxxxxxxxxxx9z4ulx'), err('zts1znnxxxxxxxxxxxxx9z4ulx', 'wrong hrp (prefix "zts", expected "z")'))
  assert.throws(() => parseAddress('qry3r6n4adzwlyqrm6e2s8'), err('qry3r6n4adzwlyqrm6e2s8', 'wrong hrp (no "z1" prefix)'))
  const short = encodeBech32('z', new Uint8Array(19))
  assert.throws(() => parseAddress(short), err(short, 'wrong length (19 bytes, expected 20)'))
  const typed = encodeBech32('z', Uint8Array.from([2, ...new Uint8Array(19)]))
  assert.throws(() => parseAddress(typed), err(typed, 'bad type byte 0x02, expected 0x00 (user) or 0x01 (embedded)'))
  assert.throws(() => parseAddress('z1Qry3r6n4adzwlyqrm6e2s8hz4kff9uzmkqjnqy'), err('z1Qry3r6n4adzwlyqrm6e2s8hz4kff9uzmkqjnqy', 'mixed case'))
  assert.throws(() => parseAddress('z1bry3r6n4adzwlyqrm6e2s8hz4kff9uzmkqjnqy'), err('z1bry3r6n4adzwlyqrm6e2s8hz4kff9uzmkqjnqy', 'bad character'))
  assert.throws(() => parseAddress(''), err('', 'empty'))
  assert.throws(() => formatAddress(new Uint8Array(19)), new InvalidAddressError('invalid address: wrong length 19 bytes, expected 20'))
})

test('token standards', () => {
  assert.equal(toHex(C.ZNN_ZTS), '14e66318c6318c6318c6')
  assert.equal(toHex(C.QSR_ZTS), '04066318c6318c6318c6')
  assert.equal(formatTokenStandard(C.ZNN_ZTS), 'zts1znnxxxxxxxxxxxxx9z4ulx')
  assert.equal(formatTokenStandard(C.QSR_ZTS), 'zts1qsrxxxxxxxxxxxxxmrhjll')
  assert.equal(formatTokenStandard(ZERO_ZTS), 'zts1qqqqqqqqqqqqqqqqtq587y')
  assert.equal(formatTokenStandard(parseTokenStandard('zts1tfjkummwyppk76twsnv50e')), 'zts1tfjkummwyppk76twsnv50e')
  const sendHash = fromHex('b6eef2766032b35c23b0de10d990681b66d74d5e03463957d175f70c3112c73b')
  const zts = tokenStandardFromSendHash(sendHash)
  assert.equal(zts.length, 10)
  assert.equal(toHex(zts), createHash('sha3-256').update(sendHash).digest('hex').slice(0, 20))
  assert.throws(() => parseTokenStandard('z1qry3r6n4adzwlyqrm6e2s8hz4kff9uzmkqjnqy'), new InvalidTokenStandardError('invalid token standard "z1qry3r6n4adzwlyqrm6e2s8hz4kff9uzmkqjnqy": wrong hrp (prefix "z", expected "zts")'))
  assert.throws(() => parseTokenStandard('zts1znnxxxxxxxxxxxxx9z4ulz'), new InvalidTokenStandardError('invalid token standard "zts1znnxxxxxxxxxxxxx9z4ulz": bad checksum'))
  assert.throws(() => formatTokenStandard(new Uint8Array(9)), new InvalidTokenStandardError('invalid token standard: wrong length 9 bytes, expected 10'))
})
