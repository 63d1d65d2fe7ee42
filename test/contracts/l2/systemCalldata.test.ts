import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { encodeFunctionData, type Hex } from 'viem'
import { L2TokenBridge, NoMInfo } from '../../../contracts/l2/artifacts.ts'
import { encodeFinalizeDeposit, encodeSetOrigin, SystemCalldataError, type ZtsDeposit } from '../../../contracts/l2/systemCalldata.ts'

const hex = (b: Uint8Array) => `0x${Buffer.from(b).toString('hex')}` as Hex
const bytes = (h: string) => Uint8Array.from(Buffer.from(h.replace(/^0x/, ''), 'hex'))

function rejects(run: () => unknown, message: string): void {
  assert.throws(run, (e: unknown) => {
    assert.ok(e instanceof SystemCalldataError)
    assert.equal(e.message, message)
    return true
  })
}

const deposit: ZtsDeposit = {
  zts: bytes('04066318c6318c6318c6'),
  nomSender: bytes('00b33fb11bfa6bd03b66bd0499b509cc01dc437a'),
  to: bytes('f39fd6e51aad88f6f4ce6ab8827279cfffb92266'),
  amount: 123_456_789n,
  name: 'QSR',
  symbol: 'QSR',
  decimals: 8,
}

describe('system deposit calldata', () => {
  it('encodeSetOrigin is the ABI encoding of NoMInfo.setOrigin', () => {
    for (const origin of [
      { height: 0n, hash: new Uint8Array(32), timestamp: 0n, sequenceNumber: 0n },
      { height: 2n ** 64n - 1n, hash: new Uint8Array(32).fill(0xab), timestamp: 1_735_689_610n, sequenceNumber: 17n },
    ]) {
      const expected = encodeFunctionData({
        abi: NoMInfo.abi,
        functionName: 'setOrigin',
        args: [origin.height, hex(origin.hash), origin.timestamp, origin.sequenceNumber],
      })
      assert.equal(hex(encodeSetOrigin(origin)), expected)
    }
  })

  it('encodeFinalizeDeposit is the ABI encoding of L2TokenBridge.finalizeDeposit (empty, short, multi-word and UTF-8 strings)', () => {
    for (const [name, symbol] of [
      ['QSR', 'QSR'],
      ['', ''],
      ['A token name that is longer than thirty-two bytes', 'SYM'],
      ['Zenon ⚡ token', 'Ƶ'],
    ] as const) {
      const d = { ...deposit, name, symbol, amount: 2n ** 256n - 1n, decimals: 255 }
      const expected = encodeFunctionData({
        abi: L2TokenBridge.abi,
        functionName: 'finalizeDeposit',
        args: [hex(d.zts), hex(d.nomSender), hex(d.to), d.amount, d.name, d.symbol, d.decimals],
      })
      assert.equal(hex(encodeFinalizeDeposit(d)), expected, name)
    }
  })

  it('refuses fields that do not fit their ABI types', () => {
    const origin = { height: 1n, hash: new Uint8Array(32), timestamp: 1n, sequenceNumber: 0n }
    rejects(() => encodeSetOrigin({ ...origin, height: 2n ** 64n }), 'height: expected a uint64')
    rejects(() => encodeSetOrigin({ ...origin, timestamp: -1n }), 'timestamp: expected a uint64')
    rejects(() => encodeSetOrigin({ ...origin, hash: new Uint8Array(31) }), 'hash: expected 32 bytes, got 31')
    rejects(() => encodeFinalizeDeposit({ ...deposit, zts: new Uint8Array(20) }), 'zts: expected 10 bytes, got 20')
    rejects(() => encodeFinalizeDeposit({ ...deposit, nomSender: new Uint8Array(21) }), 'nomSender: expected 20 bytes, got 21')
    rejects(() => encodeFinalizeDeposit({ ...deposit, to: new Uint8Array(32) }), 'to: expected 20 bytes, got 32')
    rejects(() => encodeFinalizeDeposit({ ...deposit, amount: 2n ** 256n }), 'amount: expected a uint256')
    rejects(() => encodeFinalizeDeposit({ ...deposit, decimals: 256 }), 'decimals: expected a uint8')
    rejects(() => encodeFinalizeDeposit({ ...deposit, decimals: 1.5 }), 'decimals: expected a uint8')
  })
})
