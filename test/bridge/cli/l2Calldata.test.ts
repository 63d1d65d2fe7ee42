import { test } from 'node:test'
import assert from 'node:assert/strict'
import { encodeFunctionData, parseAbi, type Hex } from 'viem'
import { encodeBalanceOf, encodeDecimals, encodeInitiateWithdrawal, encodeTokenBridgeWithdraw } from '../../../bridge/cli/l2Calldata.ts'

const abi = parseAbi([
  'function initiateWithdrawal(address _target, uint256 _gasLimit, bytes _data) payable',
  'function withdraw(bytes10 zts, uint256 amount, address nomTarget)',
  'function balanceOf(address) view returns (uint256)',
  'function decimals() view returns (uint8)',
])
const hex = (b: Uint8Array) => `0x${Buffer.from(b).toString('hex')}` as Hex
const target = Uint8Array.from(Buffer.from('0082d7e4a4a7e84c2ac1e4d5e5b3f3d6e2b7a4c109', 'hex').subarray(0, 20))
const zts = Uint8Array.from(Buffer.from('04e6f1e5c2b4d3a29180', 'hex'))

test('calldata equals viem encodeFunctionData', () => {
  for (const data of [new Uint8Array(), Uint8Array.of(1, 2, 3), new Uint8Array(33).fill(7)]) {
    assert.equal(hex(encodeInitiateWithdrawal(target, 0n, data)), encodeFunctionData({ abi, functionName: 'initiateWithdrawal', args: [hex(target), 0n, hex(data)] }))
  }
  assert.equal(hex(encodeInitiateWithdrawal(target, 123456n, new Uint8Array())), encodeFunctionData({ abi, functionName: 'initiateWithdrawal', args: [hex(target), 123456n, '0x'] }))
  assert.equal(hex(encodeTokenBridgeWithdraw(zts, 125_000_000n, target)), encodeFunctionData({ abi, functionName: 'withdraw', args: [hex(zts), 125_000_000n, hex(target)] }))
  assert.equal(hex(encodeBalanceOf(target)), encodeFunctionData({ abi, functionName: 'balanceOf', args: [hex(target)] }))
  assert.equal(hex(encodeDecimals()), encodeFunctionData({ abi, functionName: 'decimals' }))
})

test('wrong widths are refused', () => {
  assert.throws(() => encodeInitiateWithdrawal(new Uint8Array(19), 0n, new Uint8Array()), { name: 'RangeError', message: 'an address is 20 bytes, got 19' })
  assert.throws(() => encodeTokenBridgeWithdraw(new Uint8Array(9), 1n, target), { name: 'RangeError', message: 'expected 10 bytes, got 9' })
})
