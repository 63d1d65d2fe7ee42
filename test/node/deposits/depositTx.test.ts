import { test } from 'node:test'
import assert from 'node:assert/strict'
import { bytesToHex, hexToBytes } from '@ethereumjs/util'
import { keccak256 as viemKeccak, toRlp, type Hex } from 'viem'
import { getSourceHash, parseTransaction, serializeTransaction } from 'viem/op-stack'
import {
  DepositTxDecodeError,
  decodeDepositTx,
  depositTxHash,
  encodeDepositTx,
  originInfoSourceHash,
  userDepositSourceHash,
  type DepositTx,
} from '../../../node/deposits/depositTx.ts'

const BLOCK = hexToBytes('0x9ba3933dc6ce43c145349770a39c30f9b647f17668f004bd2e05c80a2e7262f7')

test('user deposit sourceHash matches the OP vectors (viem test, OP Hashing.t.sol)', () => {
  assert.equal(bytesToHex(userDepositSourceHash(BLOCK, 196n)), '0xd0868c8764d81f1749edb7dec4a550966963540d9fe50aefce8cdb38ea7b2213')
  assert.equal(
    bytesToHex(userDepositSourceHash(hexToBytes('0xd25df7858efc1778118fb133ac561b138845361626dfb976699c5287ed0f4959'), 1n)),
    '0xf923fb07134d7d287cb52c770cc619e17e82606c21a875c92f4c63b65280a5cc',
  )
})

test('origin-info sourceHash (domain 1) matches the OP vector and viem', () => {
  assert.equal(bytesToHex(originInfoSourceHash(BLOCK, 1n)), '0x722c43232e2f9dc07ebc07a02a3056993a2ed1328a1c81377ea99d135af39536')
  for (const seq of [0n, 7n, 1n << 40n]) {
    assert.equal(
      bytesToHex(originInfoSourceHash(BLOCK, seq)),
      getSourceHash({ domain: 'l1InfoDeposit', sequenceNumber: seq as unknown as number, l1BlockHash: bytesToHex(BLOCK) as Hex }),
    )
  }
  for (const index of [0n, 1n, 255n, (1n << 64n) - 1n]) {
    assert.equal(
      bytesToHex(userDepositSourceHash(BLOCK, index)),
      getSourceHash({ domain: 'userDeposit', l1LogIndex: index as unknown as number, l1BlockHash: bytesToHex(BLOCK) as Hex }),
    )
  }
})

test('sourceHash refuses a momentum hash that is not 32 bytes', () => {
  assert.throws(() => userDepositSourceHash(new Uint8Array(31), 0n), { name: 'RangeError', message: 'momentum hash must be 32 bytes' })
})

const samples: DepositTx[] = [
  {
    sourceHash: userDepositSourceHash(BLOCK, 3n),
    from: hexToBytes('0x00000000000000000000000000000000000000aa'),
    to: hexToBytes('0x4200000000000000000000000000000000000010'),
    mint: 10n ** 18n,
    value: 5n * 10n ** 17n,
    gas: 100_000n,
    isSystemTx: false,
    data: hexToBytes('0xdeadbeef'),
  },
  {
    sourceHash: originInfoSourceHash(BLOCK, 0n),
    from: hexToBytes('0xdeaddeaddeaddeaddeaddeaddeaddeaddead0001'),
    to: hexToBytes('0x4200000000000000000000000000000000000015'),
    mint: 0n,
    value: 0n,
    gas: 1_000_000n,
    isSystemTx: false,
    data: new Uint8Array(),
  },
  {
    sourceHash: userDepositSourceHash(BLOCK, 4n),
    from: hexToBytes('0x1111111111111111111111111111111111111111'),
    to: null,
    mint: 0n,
    value: 0n,
    gas: 300_000n,
    isSystemTx: true,
    data: hexToBytes('0x6080604052'),
  },
]

test('encoding and hash match viem/op-stack serializeTransaction; decoding round-trips', () => {
  for (const tx of samples) {
    const encoded = encodeDepositTx(tx)
    const viemBytes = serializeTransaction({
      type: 'deposit',
      sourceHash: bytesToHex(tx.sourceHash) as Hex,
      from: bytesToHex(tx.from) as Hex,
      ...(tx.to === null ? {} : { to: bytesToHex(tx.to) as Hex }),
      mint: tx.mint,
      value: tx.value,
      gas: tx.gas,
      isSystemTx: tx.isSystemTx,
      data: bytesToHex(tx.data) as Hex,
    })
    assert.equal(bytesToHex(encoded), viemBytes)
    assert.equal(bytesToHex(depositTxHash(tx)), viemKeccak(viemBytes))
    assert.deepEqual(decodeDepositTx(encoded), tx)
    const parsed = parseTransaction(viemBytes)
    assert.equal(parsed.type, 'deposit')
    assert.equal(parsed.sourceHash, bytesToHex(tx.sourceHash))
  }
})

test('decoding refuses malformed deposits with exact errors', () => {
  const good = encodeDepositTx(samples[0] as DepositTx)
  const cases: [Uint8Array, string][] = [
    [new Uint8Array(), 'not a deposit transaction (type 0x7e)'],
    [hexToBytes('0x02c0'), 'not a deposit transaction (type 0x7e)'],
    [hexToBytes('0x7ec0'), 'deposit must be an RLP list of 8 fields'],
    [hexToBytes('0x7e80'), 'deposit must be an RLP list of 8 fields'],
    [good.subarray(0, good.length - 1), 'deposit RLP is malformed: invalid RLP: total length is larger than the data'],
  ]
  const fields = (over: Partial<Record<number, Uint8Array | Uint8Array[]>>) => {
    const base: (Uint8Array | Uint8Array[])[] = [
      new Uint8Array(32), new Uint8Array(20), new Uint8Array(20), new Uint8Array(), new Uint8Array(), Uint8Array.of(1), new Uint8Array(), new Uint8Array(),
    ]
    for (const [i, v] of Object.entries(over)) base[Number(i)] = v as Uint8Array
    return base
  }
  const rlp = (list: (Uint8Array | Uint8Array[])[]) => {
    // Built with viem's RLP so the test does not use the code under test.
    return hexToBytes(`0x7e${serializeRlp(list).slice(2)}`)
  }
  cases.push(
    [rlp(fields({ 0: new Uint8Array(31) })), 'deposit sourceHash must be 32 bytes'],
    [rlp(fields({ 1: new Uint8Array(19) })), 'deposit from must be 20 bytes'],
    [rlp(fields({ 2: new Uint8Array(3) })), 'deposit to must be 20 bytes or empty'],
    [rlp(fields({ 3: Uint8Array.of(0, 1) })), 'deposit mint has leading zero bytes'],
    [rlp(fields({ 4: new Uint8Array(33).fill(1) })), 'deposit value is longer than 32 bytes'],
    [rlp(fields({ 5: new Uint8Array(9).fill(1) })), 'deposit gas overflows uint64'],
    [rlp(fields({ 6: Uint8Array.of(2) })), 'deposit isSystemTx must be a boolean'],
    [rlp(fields({ 7: [new Uint8Array()] as unknown as Uint8Array })), 'deposit fields must be byte strings'],
  )
  for (const [bytes, message] of cases) {
    assert.throws(() => decodeDepositTx(bytes), (error: unknown) => {
      assert.ok(error instanceof DepositTxDecodeError)
      assert.equal(error.name, 'DepositTxDecodeError')
      assert.equal(error.message, message)
      return true
    })
  }
})

function serializeRlp(list: (Uint8Array | Uint8Array[])[]): Hex {
  const toHexTree = (v: Uint8Array | Uint8Array[]): Hex | Hex[] => (v instanceof Uint8Array ? (bytesToHex(v) as Hex) : v.map((x) => bytesToHex(x) as Hex))
  return toRlp(list.map(toHexTree) as Hex[])
}
