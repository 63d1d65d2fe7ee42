/**
 * directExecuteCall: call results and state on an EVM with direct call frames equal the library's
 * for a value transfer to an account without code, ones the caller cannot afford (to code too),
 * calls into code, transient storage across depth-0 calls,
 * a depth-0 call to a precompile, CALL/CALLCODE/DELEGATECALL/STATICCALL into another contract and
 * to precompiles, and ERC-20 transfers; an EVM of another layout is refused.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Account, Address, bytesToHex, createAddressFromString, hexToBytes } from '@ethereumjs/util'
import type { VM } from '@ethereumjs/vm'
import { encodeFunctionData } from 'viem'
import { enableDirectExecuteCall, installDirectExecuteCall } from '../../../node/execution/directExecuteCall.ts'
import { loadToken } from '../../fixtures/contracts/compile.ts'
import { CALLER, CONTRACT, push, vmWith } from './vmDifferential.ts'

await installDirectExecuteCall()
const direct = (vm: VM) => enableDirectExecuteCall(vm.evm)
const OTHER = createAddressFromString('0x00000000000000000000000000000000000c0de1')
const EOA = createAddressFromString('0x00000000000000000000000000000000000000e0')

interface CallSpec {
  to?: Address
  data?: Uint8Array
  value?: bigint
  gasLimit?: bigint
}

/** Every field of the call result (run state aside), the created address, the state root and three balances. */
async function run(vm: VM, spec: CallSpec): Promise<unknown> {
  const { execResult, createdAddress } = await vm.evm.runCall({ caller: CALLER, ...spec, gasLimit: spec.gasLimit ?? 1_000_000n })
  const text = (value: unknown): unknown => {
    if (value instanceof Uint8Array) return bytesToHex(value)
    if (typeof value === 'bigint') return `${value}n`
    if (value instanceof Map || value instanceof Set) return [...value.keys()].map(String)
    if (Array.isArray(value)) return value.map(text)
    if (value instanceof Error) return value.message
    if (value !== null && typeof value === 'object') return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}` : v))
    return value
  }
  const fields = Object.fromEntries(Object.keys(execResult).filter((key) => key !== 'runState').map((key) => [key, text((execResult as unknown as Record<string, unknown>)[key])]))
  const balance = async (address: Address) => `${(await vm.stateManager.getAccount(address))?.balance}`
  return { fields, created: createdAddress?.toString(), root: bytesToHex(await vm.stateManager.getStateRoot()), balances: [await balance(CALLER), await balance(CONTRACT), await balance(EOA)] }
}

async function compare(code: number[], other: number[], specs: CallSpec[]): Promise<void> {
  const outcomes: unknown[] = []
  for (const prepare of [undefined, direct]) {
    const vm = await vmWith(prepare, Uint8Array.from(code))
    await vm.stateManager.putAccount(OTHER, new Account())
    await vm.stateManager.putCode(OTHER, Uint8Array.from(other))
    const results = []
    for (const spec of specs) results.push(await run(vm, spec))
    outcomes.push(results)
  }
  assert.deepEqual(outcomes[1], outcomes[0])
}

test('value transfers to an account without code, unaffordable ones and depth-0 precompile calls match the library', async () => {
  await compare([0x00], [0x00], [
    { to: EOA, value: 12_345n },
    { to: EOA, value: 10n ** 30n },
    { to: CONTRACT, value: 7n },
    { to: createAddressFromString('0x0000000000000000000000000000000000000002'), data: Uint8Array.of(1, 2, 3) },
    { to: createAddressFromString('0x0000000000000000000000000000000000000004'), data: Uint8Array.of(9, 9), value: 1n },
    { to: createAddressFromString('0x0000000000000000000000000000000000000001'), data: new Uint8Array(128), gasLimit: 2_000n },
  ])
})

test('a call into code the caller cannot pay ends before the code; transient storage is cleared after each depth-0 call', async () => {
  // Returns TLOAD(0), then TSTORE(0, TLOAD(0) + 1).
  const code = [...push(0n), 0x5c, 0x80, ...push(0n), 0x52, ...push(1n), 0x01, ...push(0n), 0x5d, ...push(32n), ...push(0n), 0xf3]
  await compare(code, [0x00], [{ to: CONTRACT }, { to: CONTRACT }, { to: CONTRACT, value: 10n ** 30n }, { to: CONTRACT, value: 1n }])
})

test('CALL, CALLCODE, DELEGATECALL and STATICCALL into another contract and to precompiles match the library', async () => {
  // OTHER: SSTORE(0, CALLVALUE + 1), return CALLER in one word.
  const other = [0x34, ...push(1n), 0x01, ...push(0n), 0x55, 0x33, ...push(0n), 0x52, ...push(32n), ...push(0n), 0xf3]
  // CONTRACT: each call kind to OTHER (value 3 where it takes one), then CALL sha256 and identity; stores each success flag and the output word.
  const call = (opcode: number, to: bigint, withValue: boolean) => [
    ...push(32n), ...push(0n), ...push(4n), ...push(0n), ...(withValue ? push(3n) : []), ...push(to), ...push(200_000n), opcode,
  ]
  const code: number[] = []
  let slot = 1
  for (const [opcode, withValue] of [[0xf1, true], [0xf2, true], [0xf4, false], [0xfa, false]] as const) {
    code.push(...call(opcode, 0xc0de1n, withValue), ...push(BigInt(32 * slot++)), 0x52, ...push(0n), 0x51, ...push(BigInt(32 * slot++)), 0x52)
  }
  for (const precompile of [2n, 4n]) code.push(...call(0xf1, precompile, true), ...push(BigInt(32 * slot++)), 0x52)
  code.push(...push(BigInt(32 * slot)), ...push(32n), 0xf3)
  await compare(code, other, [{ to: CONTRACT, value: 100n }, { to: CONTRACT }, { to: CONTRACT, gasLimit: 60_000n }])
})

test('ERC-20 deploys and transfers match the library', async () => {
  const token = loadToken()
  const outcomes: unknown[] = []
  for (const prepare of [undefined, direct]) {
    const vm = await vmWith(prepare, new Uint8Array())
    const deployed = await vm.evm.runCall({ caller: CALLER, data: hexToBytes(`${token.bytecode}${(10n ** 30n).toString(16).padStart(64, '0')}`), gasLimit: 3_000_000n })
    const address = deployed.createdAddress!
    const results: unknown[] = [bytesToHex(deployed.execResult.returnValue)]
    for (const amount of [1n, 500n, 10n ** 31n]) {
      results.push(await run(vm, { to: address, data: hexToBytes(encodeFunctionData({ abi: token.abi, functionName: 'transfer', args: [`0x${'34'.repeat(20)}`, amount] })) }))
    }
    outcomes.push(results)
  }
  assert.deepEqual(outcomes[1], outcomes[0])
})

test('enabling on an EVM of another layout throws', () => {
  assert.throws(() => enableDirectExecuteCall({}), { name: 'DirectExecuteCallLayoutError', message: '@ethereumjs/evm EVM has no _executeCall method or common' })
})
