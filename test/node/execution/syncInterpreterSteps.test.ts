/**
 * syncInterpreterSteps: programs on a VM with synchronous plain steps give the library VM's gas,
 * error, return data, logs and state root: arithmetic and bit operations on edge words, GAS/PC/
 * MSIZE, loops over JUMPI (before and after the jump analysis), bad jumps (into push data, past the
 * end), STOP, running off the end, a truncated PUSH32, INVALID and an undefined opcode, stack
 * underflow and overflow, out of gas inside a plain loop, a CALL back into plain code, REVERT, and
 * memory opcodes with dynamic gas (expansion, copies, LOG0–4, out of gas and out of range, a LOG in a
 * static call), environment opcodes flagged async, an EVM whose gas handler was replaced, and
 * the ERC-20 fixture. With a step listener the library's stepping runs (same step events).
 * Enabling on an EVM of another layout throws.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Address, bigIntToBytes, bytesToHex, hexToBytes, setLengthLeft } from '@ethereumjs/util'
import { createVM, type VM } from '@ethereumjs/vm'
import { encodeFunctionData } from 'viem'
import { enableSyncSteps, installSyncInterpreterSteps } from '../../../node/execution/syncInterpreterSteps.ts'
import { loadToken } from '../../fixtures/contracts/compile.ts'
import { call, CONTRACT, compare as compareOn, MAX, push, vmWith, type Outcome } from './vmDifferential.ts'

await installSyncInterpreterSteps()
const syncSteps = (vm: VM) => enableSyncSteps(vm.evm)
const compare = (name: string, program: number[], gasLimit?: bigint) => compareOn(syncSteps, name, program, [], gasLimit)

const STOP = 0x00
const JUMPDEST = 0x5b
const JUMP = 0x56
const JUMPI = 0x57
const MSTORE = 0x52
const RETURN = 0xf3
const DUP1 = 0x80
const SWAP1 = 0x90

/** Stores the top of the stack at memory word `slot`. */
const store = (slot: number) => [...push(BigInt(32 * slot)), MSTORE]
const returnWords = (count: number) => [...push(BigInt(32 * count)), ...push(0n), RETURN]

test('arithmetic, comparison and bit opcodes on edge words give the library results', async () => {
  const words = [0n, 1n, 2n, 255n, 2n ** 128n + 7n, 2n ** 255n, MAX - 1n, MAX]
  // Binary opcodes without dynamic gas: ADD MUL SUB DIV SDIV MOD SMOD ADDMOD MULMOD SIGNEXTEND LT GT SLT SGT EQ AND OR XOR BYTE SHL SHR SAR.
  const binary = [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x0b, 0x10, 0x11, 0x12, 0x13, 0x14, 0x16, 0x17, 0x18, 0x1a, 0x1b, 0x1c, 0x1d]
  const program: number[] = []
  let slot = 0
  for (const code of binary) {
    for (let i = 0; i < words.length; i++) {
      program.push(...push(words[(i + 3) % words.length]!), ...push(words[i]!), code, ...store(slot++))
    }
  }
  for (const code of [0x08, 0x09]) program.push(...push(MAX), ...push(2n ** 200n + 1n), ...push(MAX - 5n), code, ...store(slot++))
  // Unary: ISZERO NOT, then GAS PC MSIZE after all the above.
  for (const word of words) program.push(...push(word), 0x15, ...store(slot++), ...push(word), 0x19, ...store(slot++))
  program.push(0x5a, ...store(slot++), 0x58, ...store(slot++), 0x59, ...store(slot++))
  const outcome = await compare('arithmetic', [...program, ...returnWords(slot)])
  assert.equal(outcome.error, undefined)
})

test('loops over JUMPI, before and after the jump analysis, and an exact out of gas inside one', async () => {
  // acc = 0, counter = 300; head: counter -= 1; acc += counter; JUMPI head while counter != 0. Returns acc.
  // push(0) and push(300) are 2 + 3 bytes, so the JUMPDEST (head) is at 5.
  const loop = [...push(0n), ...push(300n), JUMPDEST, ...push(1n), SWAP1, 0x03, DUP1, 0x91, 0x01, SWAP1, DUP1, ...push(5n), JUMPI, 0x50, ...store(0), ...returnWords(1)]
  assert.equal(loop.indexOf(JUMPDEST), 5)
  const outcome = await compare('loop', loop)
  assert.equal(outcome.error, undefined)
  assert.ok(outcome.gas > 11_400n)
  for (const gasLimit of [1_000n, 5_000n, 11_000n]) {
    const starved = await compare(`loop with ${gasLimit} gas`, loop, gasLimit)
    assert.equal(starved.error, 'out of gas')
  }
})

test('bad jumps, STOP, the end of code, truncated PUSH32, INVALID and undefined opcodes fail or stop the same way', async () => {
  const cases: [string, number[]][] = [
    ['jump into push data', [...push(0x5b5bn), ...push(1n), JUMP]],
    ['jump past the end', [...push(200n), JUMP, JUMPDEST]],
    ['jumpi to a non-JUMPDEST taken', [...push(1n), ...push(0n), JUMPI]],
    ['jumpi not taken, then stop', [...push(0n), ...push(77n), JUMPI, ...push(5n), STOP, ...push(6n)]],
    ['off the end of code', [...push(1n), ...push(2n), 0x01]],
    ['truncated PUSH32 at the end', [...push(1n), 0x7f, 0xaa, 0xbb]],
    ['INVALID', [...push(1n), 0xfe, ...push(2n)]],
    ['undefined opcode', [...push(1n), 0x0c]],
    ['stack underflow', [...push(1n), 0x01]],
    ['stack overflow', Array.from({ length: 1030 }, () => [0x5f]).flat()],
    ['REVERT with data', [...push(0xdeadn), ...store(0), ...push(32n), ...push(0n), 0xfd]],
  ]
  for (const [name, program] of cases) await compare(name, program)
})

test('memory opcodes with dynamic gas (KECCAK256, copies, MLOAD/MSTORE/MSTORE8, MCOPY, LOG0-4, RETURN) give the library gas', async () => {
  const program: number[] = []
  // Writes at growing offsets (each expands memory), single bytes, reads past the end.
  for (const offset of [0n, 31n, 1_000n, 20_000n]) program.push(...push(offset + 7n), ...push(offset), MSTORE)
  // MSIZE after each expansion shows the words the gas step recorded.
  program.push(...push(0xabn), ...push(40_031n), 0x53, 0x59, ...store(3), ...push(45_000n), 0x51, 0x59, 0x01, ...store(4))
  // KECCAK256 of 0, 1, 33 and 200 bytes.
  for (const length of [0n, 1n, 33n, 200n]) program.push(...push(length), ...push(64n), 0x20, ...store(2))
  // CALLDATACOPY and CODECOPY of 0, 5 and 100 bytes; MCOPY forwards and overlapping.
  for (const length of [0n, 5n, 100n]) {
    program.push(...push(length), ...push(0n), ...push(50_000n), 0x37)
    program.push(...push(length), ...push(3n), ...push(51_000n), 0x39)
  }
  program.push(...push(64n), ...push(0n), ...push(16n), 0x5e, ...push(100n), ...push(60_000n), ...push(59_990n), 0x5e)
  // LOG0..LOG4 with 0, 3 and 40 bytes of data.
  for (let topics = 0; topics <= 4; topics++) {
    for (const length of [0n, 3n, 40n]) {
      for (let t = 0; t < topics; t++) program.push(...push(BigInt(0x1000 + t)))
      program.push(...push(length), ...push(BigInt(32 * topics)), 0xa0 + topics)
    }
  }
  const outcome = await compare('memory opcodes', [...program, 0x59, ...store(0), ...push(160n), ...push(0n), RETURN])
  assert.equal(outcome.error, undefined)
  assert.equal(JSON.parse(outcome.logs).length, 15)
})

test('memory expansion out of gas and out of range, and REVERT with data, fail the same way', async () => {
  const cases: [string, number[], bigint?][] = [
    ['MSTORE far out of gas', [...push(1n), ...push(1n << 20n), MSTORE], 100_000n],
    ['MSTORE past 2^64', [...push(1n), ...push(1n << 70n), MSTORE]],
    ['KECCAK256 of a huge length', [...push(1n << 40n), ...push(0n), 0x20]],
    ['MLOAD exactly out of gas', [...push(100_000n), 0x51], 21_000n],
    ['CALLDATACOPY past 2^64', [...push(1n << 65n), ...push(0n), ...push(0n), 0x37]],
    ['LOG1 out of gas on data', [...push(7n), ...push(1n << 16n), ...push(0n), 0xa1], 50_000n],
    ['RETURN of a huge range', [...push(1n << 33n), ...push(0n), RETURN]],
    ['REVERT of 200 bytes (past the memory written)', [...push(0xbeefn), ...store(1), ...push(200n), ...push(0n), 0xfd]],
  ]
  for (const [name, program, gasLimit] of cases) {
    const outcome = await compare(name, program, gasLimit)
    assert.notEqual(outcome.error, undefined, name)
  }
})

test('a LOG inside a STATICCALL fails as a static state change, as in the library', async () => {
  // With calldata: LOG0 (the callee). Without: STATICCALL self with 1 byte of calldata and return its success flag.
  const callee = [JUMPDEST, ...push(0n), ...push(0n), 0xa0, STOP]
  const caller = [...push(0n), ...push(0n), ...push(1n), ...push(0n), 0x30, ...push(50_000n), 0xfa, ...store(0), ...returnWords(1)]
  const head = [0x36, ...push(0n), JUMPI]
  const code = [...head, ...caller, ...callee]
  code.splice(1, 2, ...push(BigInt(head.length + caller.length)))
  const outcome = await compare('static LOG', code)
  assert.equal(outcome.error, undefined)
  assert.equal(BigInt(outcome.returned), 0n, 'the static call failed')
})

test('environment opcodes flagged async with synchronous handlers give the library values', async () => {
  // ADDRESS ORIGIN CALLER CALLVALUE CALLDATALOAD(0) CALLDATASIZE COINBASE TIMESTAMP NUMBER PREVRANDAO GASLIMIT RETURNDATASIZE, then BLOCKHASH(0) (an async handler).
  const program: number[] = []
  let slot = 0
  for (const op of [0x30, 0x32, 0x33, 0x34]) program.push(op, ...store(slot++))
  program.push(...push(0n), 0x35, ...store(slot++))
  for (const op of [0x36, 0x41, 0x42, 0x43, 0x44, 0x45, 0x3d]) program.push(op, ...store(slot++))
  program.push(...push(0n), 0x40, ...store(slot++))
  const outcome = await compare('environment', [...program, ...returnWords(slot)])
  assert.equal(outcome.error, undefined)
})

test('an opcode whose gas handler the EVM replaced runs by the library step, with that handler', async () => {
  const program = [...push(5n), ...push(0n), MSTORE, ...push(6n), ...push(64n), MSTORE, ...returnWords(3)]
  const code = Uint8Array.from(program)
  const pricier = (vm: VM) => {
    const map = (vm.evm as unknown as { _opcodeMap: { gasHandler: (runState: unknown, gas: bigint, common: unknown) => Promise<bigint> }[] })._opcodeMap
    const library = map[MSTORE]!.gasHandler
    map[MSTORE] = { ...map[MSTORE]!, gasHandler: async (runState, gas, common) => (await library(runState, gas, common)) + 1_000n }
  }
  const expected = await call(await vmWith(pricier, code), CONTRACT, new Uint8Array())
  const actual = await call(await vmWith((vm) => { pricier(vm); syncSteps(vm) }, code), CONTRACT, new Uint8Array())
  assert.deepEqual(actual, expected)
  const plain = await call(await vmWith(undefined, code), CONTRACT, new Uint8Array())
  assert.equal(actual.gas, plain.gas + 2_000n)
})

test('a CALL back into the contract returns to plain steps with the same gas and data', async () => {
  // If calldata is empty: call self with 1 byte of calldata and return what it returned plus GAS; else return 42.
  const inner = [...push(42n), ...store(0), ...returnWords(1)]
  const program = [0x36, ...push(0n), JUMPI] // CALLDATASIZE, jump to inner when non-zero (patched below)
  const outer = [
    ...push(32n), ...push(0n), ...push(1n), ...push(0n), ...push(0n), 0x30, ...push(100_000n), 0xf1, // CALL(gas, ADDRESS, 0, 0, 1, 0, 32)
    ...store(1), 0x5a, ...store(2), ...push(0n), 0x51, ...store(3), ...returnWords(4),
  ]
  const code = [...program, ...outer, JUMPDEST, ...inner]
  code.splice(1, 2, ...push(BigInt(program.length + outer.length)))
  const outcome = await compare('call into self', code)
  assert.equal(outcome.error, undefined)
})

test('the ERC-20 fixture deploys and runs transfers and a failing transfer the same way', async () => {
  const token = loadToken()
  const outcomes: Outcome[][] = []
  for (const prepare of [undefined, syncSteps]) {
    const vm = await vmWith(prepare, new Uint8Array())
    const deployed = await call(vm, undefined, hexToBytes(`${token.bytecode}${(10n ** 30n).toString(16).padStart(64, '0')}`))
    const address = new Address(hexToBytes(deployed.returned as `0x${string}`))
    const runs = [deployed]
    for (let i = 0; i < 5; i++) {
      const to = bytesToHex(setLengthLeft(bigIntToBytes(BigInt(i + 1) * 0x1111n), 20))
      runs.push(await call(vm, address, hexToBytes(encodeFunctionData({ abi: token.abi, functionName: 'transfer', args: [to, BigInt(i) * 1000n + 1n] }))))
    }
    runs.push(await call(vm, address, hexToBytes(encodeFunctionData({ abi: token.abi, functionName: 'transfer', args: [bytesToHex(CONTRACT.bytes), 10n ** 31n] }))))
    outcomes.push(runs)
  }
  assert.deepEqual(outcomes[1], outcomes[0])
  assert.notEqual(outcomes[0]!.at(-1)!.error, undefined, 'the oversized transfer fails')
})

test('with a step listener the library steps every opcode (the same step events)', async () => {
  const program = [...push(3n), ...push(4n), 0x01, DUP1, 0x02, ...store(0), ...returnWords(1)]
  const traces: string[][] = []
  for (const prepare of [undefined, syncSteps]) {
    const vm = await vmWith(prepare, Uint8Array.from(program))
    const steps: string[] = []
    vm.evm.events!.on('step', (step: { pc: number; opcode: { name: string }; gasLeft: bigint }, resolve?: () => void) => {
      steps.push(`${step.pc} ${step.opcode.name} ${step.gasLeft}`)
      resolve?.()
    })
    await call(vm, CONTRACT, new Uint8Array())
    traces.push(steps)
  }
  assert.equal(traces[0]!.length, 10)
  assert.deepEqual(traces[1], traces[0])
})

test('enabling on an EVM of another layout throws', async () => {
  assert.throws(() => enableSyncSteps({}), { name: 'SyncStepsLayoutError', message: '@ethereumjs/evm EVM has no _opcodeMap, DEBUG or events' })
  const vm = await createVM()
  const map = (vm.evm as unknown as { _opcodeMap: { opcodeInfo: object }[] })._opcodeMap
  map[0x60] = { ...map[0x60]!, opcodeInfo: { name: 'PUSH', isAsync: false } }
  assert.throws(() => enableSyncSteps(vm.evm), { name: 'SyncStepsLayoutError', message: '@ethereumjs/evm opcode entries are not { opcodeInfo: { name, feeBigInt, isAsync, dynamicGas, isInvalid }, opHandler }' })
})
