/**
 * fastOpcodes: the same programs on a library VM and on one with the handlers installed give the
 * same gas, return data, error, logs and state root: MSTORE/MLOAD of edge words at edge offsets
 * (across memory growth), KECCAK256 of empty and long inputs, SLOAD of short, full, top-bit and
 * missing slots, LOG0–LOG4, stack underflows and out-of-gas memory, and the ERC-20 fixture's deploy,
 * transfers, approvals and a failing transfer. Installing on a table of another layout throws.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Address, bytesToHex, hexToBytes, setLengthLeft, bigIntToBytes } from '@ethereumjs/util'
import { createVM, type VM } from '@ethereumjs/vm'
import { encodeFunctionData } from 'viem'
import { installFastOpcodes, OpcodeLayoutError } from '../../../node/execution/fastOpcodes.ts'
import { loadToken } from '../../fixtures/contracts/compile.ts'
import { mulberry32 } from '../../helpers/random.ts'
import { call, CALLER, common, compare as compareOn, MAX, push, vmWith as vmOn, type Outcome } from './vmDifferential.ts'

const random = mulberry32(0xfa57)
const randomWord = () => BigInt(bytesToHex(Uint8Array.from({ length: 32 }, () => Math.floor(random() * 256))))
const fastOpcodes = (vm: VM) => installFastOpcodes(vm.evm)
const compare = (name: string, program: number[], slots: [bigint, bigint][] = [], gasLimit?: bigint) => compareOn(fastOpcodes, name, program, slots, gasLimit)
const vmWith = (fast: boolean, code: Uint8Array, slots: [bigint, bigint][]) => vmOn(fast ? fastOpcodes : undefined, code, slots)

const op = { KECCAK256: 0x20, POP: 0x50, MLOAD: 0x51, MSTORE: 0x52, SLOAD: 0x54, SSTORE: 0x55, RETURN: 0xf3, LOG0: 0xa0 }

/** Returns memory [0, size). */
function returning(size: bigint): number[] {
  return [...push(size), ...push(0n), op.RETURN]
}

test('MSTORE and MLOAD of edge words at edge offsets give the library results', async () => {
  const words = [0n, 1n, 255n, 256n, 2n ** 64n - 1n, 2n ** 64n, 2n ** 255n, MAX, randomWord(), randomWord()]
  const offsets = [0n, 1n, 31n, 32n, 33n, 1000n, 8160n, 8170n, 8192n, 20_000n]
  const program: number[] = []
  for (const [i, word] of words.entries()) {
    const offset = offsets[i % offsets.length]!
    program.push(...push(word), ...push(offset), op.MSTORE)
    // Read back at the offset and one byte after, into the returned region.
    program.push(...push(offset), op.MLOAD, ...push(BigInt(64 * i)), op.MSTORE)
    program.push(...push(offset + 1n), op.MLOAD, ...push(BigInt(64 * i + 32)), op.MSTORE)
  }
  // Memory never written (beyond everything above) reads as zero.
  program.push(...push(40_000n), op.MLOAD, ...push(BigInt(64 * words.length)), op.MSTORE)
  const outcome = await compare('mstore/mload', [...program, ...returning(BigInt(64 * words.length + 32))])
  assert.equal(outcome.error, undefined)
})

test('KECCAK256 of empty, short, word and long inputs, and of an empty range at a huge offset', async () => {
  const program: number[] = []
  for (let i = 0; i < 12; i++) program.push(...push(randomWord()), ...push(BigInt(32 * i)), op.MSTORE)
  const ranges: [bigint, bigint][] = [[0n, 0n], [2n ** 64n, 0n], [0n, 1n], [5n, 32n], [0n, 100n], [17n, 300n], [380n, 64n]]
  for (const [i, [offset, length]] of ranges.entries()) {
    program.push(...push(length), ...push(offset), op.KECCAK256, ...push(BigInt(1000 + 32 * i)), op.MSTORE)
  }
  program.push(...push(BigInt(32 * ranges.length)), ...push(1000n), op.RETURN)
  await compare('keccak256', program)
})

test('SLOAD of full, short, top-bit and missing slots', async () => {
  const slots: [bigint, bigint][] = [[0n, 1n], [1n, MAX], [MAX, 2n ** 255n], [7n, 0xabcdn], [randomWord(), randomWord()], [8n, 2n ** 248n + 1n]]
  const program: number[] = []
  const keys = [...slots.map(([k]) => k), 12345n, 2n ** 200n]
  for (const [i, key] of keys.entries()) program.push(...push(key), op.SLOAD, ...push(BigInt(32 * i)), op.MSTORE)
  // A slot written in this call reads back its new value.
  program.push(...push(2n ** 160n + 9n), ...push(99n), op.SSTORE, ...push(99n), op.SLOAD, ...push(BigInt(32 * keys.length)), op.MSTORE)
  await compare('sload', [...program, ...returning(BigInt(32 * keys.length + 32))], slots)
})

test('LOG0–LOG4 with edge topics and data, and an empty log at a huge offset', async () => {
  const program: number[] = []
  for (let i = 0; i < 4; i++) program.push(...push(randomWord()), ...push(BigInt(32 * i)), op.MSTORE)
  const topics = [0n, MAX, 1n, randomWord()]
  for (let count = 0; count <= 4; count++) {
    for (const topic of topics.slice(0, count).reverse()) program.push(...push(topic))
    const [offset, length] = count === 2 ? [2n ** 40n, 0n] : [BigInt(count * 3), BigInt(count * 25)]
    program.push(...push(length), ...push(offset), op.LOG0 + count)
  }
  const outcome = await compare('logs', program)
  assert.equal(JSON.parse(outcome.logs).length, 5)
})

test('stack underflows and out-of-gas memory fail the same way', async () => {
  const cases: [string, number[]][] = [
    ['mstore underflow', [...push(1n), op.MSTORE]],
    ['mload underflow', [op.MLOAD]],
    ['keccak underflow', [...push(1n), op.KECCAK256]],
    ['sload underflow', [op.SLOAD]],
    ['log2 underflow', [...push(1n), ...push(0n), ...push(0n), op.LOG0 + 2]],
    ['mstore out of gas', [...push(1n), ...push(2n ** 40n), op.MSTORE]],
    ['mload out of gas', [...push(2n ** 33n), op.MLOAD]],
    ['keccak out of gas', [...push(2n ** 32n), ...push(0n), op.KECCAK256]],
    ['log out of gas', [...push(2n ** 32n), ...push(0n), op.LOG0]],
  ]
  for (const [name, program] of cases) {
    const outcome = await compare(name, program, [], 1_000_000n)
    assert.notEqual(outcome.error, undefined, name)
  }
})

test('the ERC-20 fixture deploys and runs transfers, approvals and a failing transfer the same way', async () => {
  const token = loadToken()
  const holder = CALLER
  const outcomes: Outcome[][] = []
  for (const fast of [false, true]) {
    const vm = await vmWith(fast, new Uint8Array(), [])
    const deploy = hexToBytes(`${token.bytecode}${(10n ** 30n).toString(16).padStart(64, '0')}`)
    const deployed = await call(vm, undefined, deploy)
    const address = new Address(hexToBytes(deployed.returned as `0x${string}`))
    const runs = [deployed]
    for (let i = 0; i < 6; i++) {
      const to = bytesToHex(setLengthLeft(bigIntToBytes(BigInt(i + 1) * 0x1111n), 20))
      runs.push(await call(vm, address, hexToBytes(encodeFunctionData({ abi: token.abi, functionName: 'transfer', args: [to, BigInt(i) * 1000n + 1n] }))))
    }
    runs.push(await call(vm, address, hexToBytes(encodeFunctionData({ abi: token.abi, functionName: 'approve', args: [bytesToHex(holder.bytes), 5n] }))))
    runs.push(await call(vm, address, hexToBytes(encodeFunctionData({ abi: token.abi, functionName: 'transfer', args: [bytesToHex(holder.bytes), 10n ** 31n] }))))
    runs.push(await call(vm, address, hexToBytes(encodeFunctionData({ abi: token.abi, functionName: 'balanceOf', args: [bytesToHex(holder.bytes)] }))))
    outcomes.push(runs)
  }
  assert.deepEqual(outcomes[1], outcomes[0])
  assert.notEqual(outcomes[0]!.at(-2)!.error, undefined, 'the oversized transfer fails')
  assert.equal(JSON.parse(outcomes[0]![1]!.logs).length, 1, 'a transfer logs its Transfer event')
})

test('installing on an opcode table of another layout throws', async () => {
  assert.throws(() => installFastOpcodes({}), { name: 'OpcodeLayoutError', message: '@ethereumjs/evm has no _opcodeMap array' })
  const vm = await createVM({ common })
  const map = (vm.evm as unknown as { _opcodeMap: { opcodeInfo: object }[] })._opcodeMap
  map[0x52] = { ...map[0x52]!, opcodeInfo: { ...map[0x52]!.opcodeInfo, name: 'MSTORE', isAsync: true } }
  assert.throws(() => installFastOpcodes(vm.evm), (error) => error instanceof OpcodeLayoutError && error.message === '@ethereumjs/evm opcode 0x52 is not the expected sync MSTORE')
})
