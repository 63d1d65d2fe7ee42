/**
 * lazyRunState: a call's result on an EVM with the lazy run state equals the library's in every
 * field, the run state included (its keys in order, counters, gas, stack, memory, return bytes and
 * environment), for plain code, REVERT, out of gas, a call back into the contract, a contract
 * creation and the ERC-20 fixture; an EVM of another layout is refused.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Address, bytesToHex, hexToBytes } from '@ethereumjs/util'
import type { VM } from '@ethereumjs/vm'
import { encodeFunctionData } from 'viem'
import { enableLazyRunState, installLazyRunState } from '../../../node/execution/lazyRunState.ts'
import { loadToken } from '../../fixtures/contracts/compile.ts'
import { CALLER, CONTRACT, push, vmWith } from './vmDifferential.ts'

await installLazyRunState()
const lazy = (vm: VM) => enableLazyRunState(vm.evm)

/** Every field of a call result as comparable text, the run state read last. */
function snapshot(execResult: Record<string, unknown>): unknown {
  const text = (value: unknown): unknown => {
    if (value instanceof Uint8Array) return bytesToHex(value)
    if (value instanceof Address) return value.toString()
    if (typeof value === 'bigint') return `${value}n`
    if (value instanceof Map || value instanceof Set) return [...value.keys()].map(String)
    if (Array.isArray(value)) return value.map(text)
    if (value !== null && typeof value === 'object') return Object.keys(value).join(',')
    return value
  }
  const fields: Record<string, unknown> = {}
  for (const key of Object.keys(execResult)) if (key !== 'runState') fields[key] = text(execResult[key])
  const runState = execResult.runState as Record<string, unknown>
  const state: Record<string, unknown> = { keys: Object.keys(runState).join(',') }
  for (const [key, value] of Object.entries(runState)) {
    if (key === 'memory') state.memory = bytesToHex((value as { _store: Uint8Array })._store)
    else if (key === 'stack') state.stack = (value as { getStack(): bigint[] }).getStack().map(String)
    else if (key === 'interpreter' || key === 'stateManager' || key === 'blockchain' || key === 'block' || key === 'accessWitness') state[key] = typeof value
    else state[key] = text(value)
  }
  return { fields, keys: Object.keys(execResult).join(','), state }
}

async function outcomes(code: Uint8Array, run: (vm: VM) => Promise<Record<string, unknown>[]>): Promise<void> {
  const results: unknown[] = []
  for (const prepare of [undefined, lazy]) {
    const vm = await vmWith(prepare, code)
    results.push((await run(vm)).map(snapshot))
  }
  assert.deepEqual(results[1], results[0])
}

const callContract = (vm: VM, data: Uint8Array, gasLimit = 3_000_000n) =>
  vm.evm.runCall({ caller: CALLER, to: CONTRACT, data, gasLimit }).then((r) => r.execResult as unknown as Record<string, unknown>)

test('results equal the library in every field, run state included, for plain code, REVERT and out of gas', async () => {
  const program = [...push(7n), ...push(9n), 0x01, ...push(0n), 0x52, ...push(3n), ...push(1n), 0x5f, 0x5f, 0xa1, ...push(32n), ...push(0n), 0xf3]
  await outcomes(Uint8Array.from(program), async (vm) => [await callContract(vm, new Uint8Array())])
  const reverting = [...push(0xbeefn), ...push(0n), 0x52, 0x5f, 0x5f, 0xa0, ...push(32n), ...push(0n), 0xfd]
  await outcomes(Uint8Array.from(reverting), async (vm) => [await callContract(vm, new Uint8Array())])
  const looping = [0x5b, ...push(0n), 0x56]
  await outcomes(Uint8Array.from(looping), async (vm) => [await callContract(vm, new Uint8Array(), 30_000n)])
  // An exceptional halt with gas left (INVALID): all of the frame's gas is used.
  await outcomes(Uint8Array.from([...push(1n), 0x5f, 0x5f, 0xa0, 0xfe]), async (vm) => [await callContract(vm, new Uint8Array(), 30_000n)])
})

test('a call back into the contract and a contract creation give the library results', async () => {
  // With calldata: return 42. Without: CALL self with one byte and return the call's output.
  const inner = [0x5b, ...push(42n), ...push(0n), 0x52, ...push(32n), ...push(0n), 0xf3]
  const head = [0x36, ...push(0n), 0x57]
  const outer = [...push(32n), ...push(0n), ...push(1n), ...push(0n), ...push(0n), 0x30, ...push(100_000n), 0xf1, 0x50, ...push(32n), ...push(0n), 0xf3]
  const code = [...head, ...outer, ...inner]
  code.splice(1, 2, ...push(BigInt(head.length + outer.length)))
  await outcomes(Uint8Array.from(code), async (vm) => [await callContract(vm, new Uint8Array()), await callContract(vm, Uint8Array.of(1))])
  const initCode = Uint8Array.from([...push(0x6001600155n), ...push(0n), 0x52, ...push(5n), ...push(27n), 0xf3])
  await outcomes(new Uint8Array(), async (vm) => [(await vm.evm.runCall({ caller: CALLER, data: initCode, gasLimit: 200_000n })).execResult as unknown as Record<string, unknown>])
})

test('the ERC-20 fixture deploys and transfers with the library results', async () => {
  const token = loadToken()
  await outcomes(new Uint8Array(), async (vm) => {
    const deployed = await vm.evm.runCall({ caller: CALLER, data: hexToBytes(`${token.bytecode}${(10n ** 30n).toString(16).padStart(64, '0')}`), gasLimit: 3_000_000n })
    const address = deployed.createdAddress!
    const results = [deployed.execResult as unknown as Record<string, unknown>]
    for (const amount of [1n, 10n ** 31n]) {
      const data = hexToBytes(encodeFunctionData({ abi: token.abi, functionName: 'transfer', args: [`0x${'12'.repeat(20)}`, amount] }))
      results.push((await vm.evm.runCall({ caller: CALLER, to: address, data, gasLimit: 200_000n })).execResult as unknown as Record<string, unknown>)
    }
    return results
  })
})

test('enabling on an EVM of another layout throws', () => {
  assert.throws(() => enableLazyRunState({}), { name: 'LazyRunStateLayoutError', message: '@ethereumjs/evm EVM has no runInterpreter method' })
})
