import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { InvalidParamsError } from '../../../node/errors.ts'
import {
  argPath,
  checkArity,
  parseAddress,
  parseBlockId,
  parseBlockNumberOrTag,
  parseCallRequest,
  parseData,
  parseFilterCriteria,
  parseHash,
  parseQuantity,
  parseStateOverrides,
  parseStorageSlot,
} from '../../../node/rpc/params.ts'

const invalid = (message: string) => (error: unknown) => {
  assert.ok(error instanceof InvalidParamsError, `expected InvalidParamsError, got ${String(error)}`)
  assert.equal(error.message, message)
  return true
}

const address = '0x00000000000000000000000000000000000000aa'
const hash = `0x${'11'.repeat(32)}`

describe('params', () => {
  it('parses quantities and rejects what geth rejects', () => {
    assert.equal(parseQuantity('0x0', argPath(0)), 0n)
    assert.equal(parseQuantity('0x1F', argPath(0)), 31n)
    assert.throws(() => parseQuantity('0x01', argPath(0)), invalid('invalid argument 0: hex number with leading zero digits'))
    assert.throws(() => parseQuantity('0x', argPath(1)), invalid('invalid argument 1: hex string "0x"'))
    assert.throws(() => parseQuantity('12', argPath(0)), invalid('invalid argument 0: hex string without 0x prefix'))
    assert.throws(() => parseQuantity('', argPath(0)), invalid('invalid argument 0: empty hex string'))
    assert.throws(() => parseQuantity('0xzz', argPath(0)), invalid('invalid argument 0: invalid hex string'))
    assert.throws(() => parseQuantity(12, argPath(0)), invalid('invalid argument 0: hex string expected'))
    assert.throws(() => parseQuantity(`0x1${'0'.repeat(16)}`, argPath(0), 64), invalid('invalid argument 0: hex number > 64 bits'))
  })

  it('parses data, addresses and hashes with exact lengths', () => {
    assert.deepEqual(parseData('0x', argPath(0)), new Uint8Array())
    assert.deepEqual(parseData('0xABcd', argPath(0)), Uint8Array.of(0xab, 0xcd))
    assert.throws(() => parseData('0xabc', argPath(0)), invalid('invalid argument 0: hex string of odd length'))
    assert.equal(parseAddress(address, argPath(0)).length, 20)
    assert.throws(() => parseAddress('0xaa', argPath(0)), invalid('invalid argument 0: hex string has length 2, want 40 for common.Address'))
    assert.throws(() => parseHash('0x11', argPath(0)), invalid('invalid argument 0: hex string has length 2, want 64 for common.Hash'))
  })

  it('parses storage keys like geth, with its messages', () => {
    assert.deepEqual(parseStorageSlot('0x1'), Uint8Array.from([...new Uint8Array(31), 1]))
    assert.throws(() => parseStorageSlot(`0x${'0'.repeat(65)}`), invalid(`storage key too long (want at most 32 bytes): "0x${'0'.repeat(65)}"`))
    assert.throws(() => parseStorageSlot('0xasdf'), invalid('invalid hex in storage key: "0xasdf"'))
  })

  it('checks arity', () => {
    assert.throws(() => checkArity([], 1, 2), invalid('missing value for required argument 0'))
    assert.throws(() => checkArity([1, 2, 3], 1, 2), invalid('too many arguments, want at most 2'))
    checkArity([1], 1, 2)
  })

  it('parses block tags, numbers, hashes and EIP-1898 objects', () => {
    assert.deepEqual(parseBlockNumberOrTag(undefined, argPath(1)), { kind: 'tag', tag: 'latest' })
    assert.deepEqual(parseBlockNumberOrTag('safe', argPath(1)), { kind: 'tag', tag: 'safe' })
    assert.deepEqual(parseBlockNumberOrTag('0x10', argPath(1)), { kind: 'number', number: 16n })
    assert.throws(() => parseBlockNumberOrTag('newest', argPath(1)), invalid('invalid argument 1: invalid block number or tag "newest"'))
    assert.deepEqual(parseBlockId(hash, argPath(1)), { kind: 'hash', hash: parseHash(hash, ''), requireCanonical: false })
    assert.deepEqual(parseBlockId({ blockHash: hash, requireCanonical: true }, argPath(1)), { kind: 'hash', hash: parseHash(hash, ''), requireCanonical: true })
    assert.deepEqual(parseBlockId({ blockNumber: '0x2' }, argPath(1)), { kind: 'number', number: 2n })
    assert.throws(
      () => parseBlockId({ blockHash: hash, blockNumber: '0x1' }, argPath(1)),
      invalid('invalid argument 1: cannot specify both BlockHash and BlockNumber, choose one or the other'),
    )
  })

  it('parses call objects, input/data agreement and fee fields', () => {
    const request = parseCallRequest({ from: address, to: null, gas: '0x5208', value: '0x1', input: '0x01', data: '0x01' }, argPath(0))
    assert.deepEqual(request, { from: parseAddress(address, ''), to: null, gas: 21000n, value: 1n, data: Uint8Array.of(1) })
    assert.throws(
      () => parseCallRequest({ input: '0x01', data: '0x02' }, argPath(0)),
      invalid('invalid argument 0: both "data" and "input" are set and not equal. Please use "input" to pass transaction call data'),
    )
    assert.throws(
      () => parseCallRequest({ gasPrice: '0x1', maxFeePerGas: '0x1' }, argPath(0)),
      invalid('invalid argument 0: both gasPrice and (maxFeePerGas or maxPriorityFeePerGas) specified'),
    )
    assert.throws(() => parseCallRequest({ to: '0x12' }, argPath(0)), invalid('invalid argument 0: field "to": hex string has length 2, want 40 for common.Address'))
    assert.throws(() => parseCallRequest('0x12', argPath(0)), invalid('invalid argument 0: transaction object expected'))
  })

  it('parses state overrides keyed by lower-case address', () => {
    const overrides = parseStateOverrides({ [address.toUpperCase().replace('0X', '0x')]: { balance: '0x10', stateDiff: { [hash]: hash } } }, argPath(2))
    assert.deepEqual(overrides, new Map([[address, { balance: 16n, stateDiff: new Map([[hash, parseHash(hash, '')]]) }]]))
    assert.throws(() => parseStateOverrides({ [address]: { state: {}, stateDiff: {} } }, argPath(2)), invalid(`invalid argument 2[${address}]: has both 'state' and 'stateDiff'`))
    assert.equal(parseStateOverrides(undefined, argPath(2)), undefined)
  })

  it('parses filters, refusing blockHash with a range and too many topics', () => {
    const criteria = parseFilterCriteria({ address, topics: [hash, null, [hash, hash]] }, argPath(0))
    assert.deepEqual(criteria.topics, [[parseHash(hash, '')], null, [parseHash(hash, ''), parseHash(hash, '')]])
    assert.deepEqual(criteria.addresses, [parseAddress(address, '')])
    assert.throws(
      () => parseFilterCriteria({ blockHash: hash, fromBlock: '0x1' }, argPath(0)),
      invalid('invalid argument 0: cannot specify both BlockHash and FromBlock/ToBlock, choose one or the other'),
    )
    assert.throws(() => parseFilterCriteria({ topics: [null, null, null, null, null] }, argPath(0)), invalid('invalid argument 0: exceed max topics'))
  })
})
