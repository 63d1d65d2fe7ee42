import { test } from 'node:test'
import assert from 'node:assert/strict'
import { decodeCall, decodeVariable, encodeCall, encodeVariable, selector } from '../../nom/abi.ts'
import type { ABIValue } from '../../nom/abi.ts'
import { parseAddress } from '../../nom/address.ts'
import { QSR_ZTS } from '../../nom/constants.ts'
import { fromHex, toHex } from '../../nom/hash.ts'
import { ABIError } from '../../nom/errors.ts'

test('selectors are SHA3-256 (reference §5 and §9)', () => {
  const vectors: [string, string][] = [
    ['Fuse(address)', '5ac942e8'],
    ['Register(string,address,address,uint8,uint8)', '644de927'],
    ['IssueToken(string,string,string,uint256,uint256,uint8,bool,bool,bool)', 'bc410b91'],
    ['Mint(tokenStandard,uint256,address)', 'cd70f9bc'],
    ['Cancel(hash)', '5a92fe32'],
    ['WrapToken(uint32,uint32,string)', '61d224bc'],
    ['UnwrapToken(uint32,uint32,hash,uint32,address,string,uint256,string)', 'b6069401'],
    ['Redeem(hash,uint32)', 'd4e06c79'],
    ['Halt(string)', '72334d21'],
    ['Unhalt()', '3a16f20e'],
    ['Emergency()', 'fa4ba15f'],
    ['ChangeAdministrator(address)', '4f6bef7c'],
    ['ProposeAdministrator(address)', '1ca313bd'],
    ['NominateGuardians(address[])', '688ac608'],
    ['RevokeUnwrapRequest(hash,uint32)', 'fa7c7f3d'],
    ['SetTokenPair(uint32,uint32,tokenStandard,string,bool,bool,bool,uint256,uint32,uint32,string)', 'd5292476'],
    ['SetOrchestratorInfo(uint64,uint32,uint32,uint32)', 'eed69856'],
    ['CancelFuse(hash)', 'f9ca9dc3'],
    ['Burn()', '3395ab94'],
    ['CollectReward()', 'af43d3f0'],
    ['Donate()', 'cb7f8b2a'],
  ]
  for (const [sig, hex] of vectors) assert.equal(toHex(selector(sig)), hex, sig)
})

test('Fuse call encodes the address left-padded', () => {
  const data = encodeCall('Fuse(address)', [parseAddress('z1qz2lmuhzrnmhy426jmafkrlmp5z7mnry83d6fs')])
  assert.equal(toHex(data), '5ac942e80000000000000000000000000095fdf2e21cf772555a96fa9b0ffb0d05edcc64')
  assert.deepEqual(decodeCall('Fuse(address)', data), [parseAddress('z1qz2lmuhzrnmhy426jmafkrlmp5z7mnry83d6fs')])
})

test('round trips of every supported type', () => {
  const sig = 'SetTokenPair(uint32,uint32,tokenStandard,string,bool,bool,bool,uint256,uint32,uint32,string)'
  const args: ABIValue[] = [2n, 1n, QSR_ZTS, '0xAbC…ünïcode', true, false, true, (1n << 256n) - 1n, 100n, 0n, '']
  const data = encodeCall(sig, args)
  assert.deepEqual(decodeCall(sig, data), args)
  const types = ['int64', 'int256', 'bytes', 'bytes4', 'hash', 'address[]', 'string[]', 'uint8[]', 'bool']
  const values: ABIValue[] = [
    -5n,
    -(1n << 255n),
    fromHex('0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f2021'),
    fromHex('deadbeef'),
    new Uint8Array(32).fill(0xab),
    [parseAddress('z1qxemdeddedxplasmaxxxxxxxxxxxxxxxxsctrp'), parseAddress('z1qqjnwjjpnue8xmmpanz6csze6tcmtzzdtfsww7')],
    ['a', 'bc'],
    [],
    false,
  ]
  const enc = encodeVariable(types, values)
  assert.deepEqual(decodeVariable(types, enc), values)
  // tokenStandard is left-padded: 22 zero bytes then the 10 bytes
  const ts = encodeVariable(['tokenStandard'], [QSR_ZTS])
  assert.equal(toHex(ts), '00'.repeat(22) + '04066318c6318c6318c6')
  // bytes4 is right-padded
  assert.equal(toHex(encodeVariable(['bytes4'], [fromHex('deadbeef')])), 'deadbeef' + '00'.repeat(28))
  // int is two's complement
  assert.equal(toHex(encodeVariable(['int8'], [-1n])), 'ff'.repeat(32))
  // string layout: offset 0x20, length, right-padded bytes
  assert.equal(toHex(encodeVariable(['string'], ['hi'])), '20'.padStart(64, '0') + '02'.padStart(64, '0') + '6869' + '00'.repeat(30))
})

test('non-canonical encodings are refused', () => {
  const sig = 'Redeem(hash,uint32)'
  const good = encodeCall(sig, [new Uint8Array(32).fill(1), 7n])
  const dirtyUint = Uint8Array.from(good)
  dirtyUint[4 + 32 + 27] = 1 // a bit above uint32 in the word
  assert.throws(() => decodeCall(sig, dirtyUint), new ABIError('uint32: value 4294967303 out of range'))
  const trailing = Uint8Array.from([...good, 0])
  assert.throws(() => decodeCall(sig, trailing), new ABIError('non-canonical ABI encoding of (hash,uint32)'))
  const boolTwo = encodeVariable(['uint256'], [2n])
  assert.throws(() => decodeVariable(['bool'], boolTwo), new ABIError('non-canonical ABI encoding of (bool)'))
  const addr = encodeVariable(['address'], [new Uint8Array(20).fill(1)])
  addr[0] = 1 // dirty padding
  assert.throws(() => decodeVariable(['address'], addr), new ABIError('non-canonical ABI encoding of (address)'))
  const str = encodeVariable(['string'], ['hi'])
  str[31] = 0x60 // offset points at the end of the data
  assert.throws(() => decodeVariable(['string'], str), new ABIError('string: data too short'))
  const str2 = Uint8Array.from([...encodeVariable(['string'], ['hi']), ...new Uint8Array(32)])
  str2[31] = 0x40
  str2[64] = 0
  str2[65] = 0
  str2[95] = 2
  str2[96] = 0x68
  str2[97] = 0x69
  assert.throws(() => decodeVariable(['string'], str2), new ABIError('non-canonical ABI encoding of (string)'))
  assert.throws(() => decodeCall(sig, encodeCall('CancelFuse(hash)', [new Uint8Array(32)])), new ABIError('selector f9ca9dc3 is not Redeem(hash,uint32) (d4e06c79)'))
  assert.throws(() => decodeCall(sig, fromHex('d4e0')), new ABIError('call data shorter than a selector'))
  assert.throws(() => decodeCall(sig, good.subarray(0, 40)), new ABIError('uint32: data too short'))
})

test('encoding refuses values that do not fit', () => {
  assert.throws(() => encodeVariable(['uint8'], [256n]), new ABIError('uint8: value 256 out of range'))
  assert.throws(() => encodeVariable(['int8'], [128n]), new ABIError('int8: value 128 out of range'))
  assert.throws(() => encodeVariable(['address'], [new Uint8Array(19)]), new ABIError('address: expected 20 bytes'))
  assert.throws(() => encodeVariable(['uint7'], [1n]), new ABIError('unsupported ABI type uint7'))
  assert.throws(() => encodeCall('Bad(uint256', []), new ABIError('bad ABI signature "Bad(uint256"'))
  assert.throws(() => encodeCall('Fuse(address)', []), new ABIError('expected 1 values, got 0'))
})
