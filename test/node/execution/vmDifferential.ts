/**
 * Runs the same code on two VMs, one as the library makes it and one changed by `prepare`
 * (fastOpcodes, syncInterpreterSteps), and returns what must not differ: gas, error, return data
 * (or the created address), logs and the state root after.
 */
import assert from 'node:assert/strict'
import { Account, Address, bigIntToBytes, bytesToHex, createAddressFromString, setLengthLeft } from '@ethereumjs/util'
import { createVM, type VM } from '@ethereumjs/vm'
import { createChainCommon } from '../../../node/execution/chainCommon.ts'

export const common = createChainCommon({ chainId: 73404n })
export const CALLER = createAddressFromString('0x00000000000000000000000000000000000ca11e')
export const CONTRACT = createAddressFromString('0x00000000000000000000000000000000000c0de0')
export const MAX = 2n ** 256n - 1n

/** PUSHn of the shortest width (PUSH1 0 for zero). */
export function push(value: bigint): number[] {
  const bytes = value === 0n ? [0] : [...bigIntToBytes(value)]
  return [0x5f + bytes.length, ...bytes]
}

export interface Outcome {
  gas: bigint
  error: string | undefined
  returned: string
  logs: string
  root: string
}

export type Prepare = (vm: VM) => void

export async function vmWith(prepare: Prepare | undefined, code: Uint8Array, slots: [bigint, bigint][] = []): Promise<VM> {
  const vm = await createVM({ common })
  prepare?.(vm)
  await vm.stateManager.putAccount(CALLER, new Account(0n, 10n ** 24n))
  await vm.stateManager.putAccount(CONTRACT, new Account())
  await vm.stateManager.putCode(CONTRACT, code)
  for (const [key, value] of slots) await vm.stateManager.putStorage(CONTRACT, setLengthLeft(bigIntToBytes(key), 32), bigIntToBytes(value))
  return vm
}

export async function call(vm: VM, to: Address | undefined, data: Uint8Array, gasLimit = 3_000_000n): Promise<Outcome> {
  const { execResult, createdAddress } = await vm.evm.runCall({ caller: CALLER, ...(to === undefined ? {} : { to }), data, gasLimit })
  return {
    gas: execResult.executionGasUsed,
    error: execResult.exceptionError?.error,
    returned: bytesToHex(to === undefined ? (createdAddress?.bytes ?? new Uint8Array()) : execResult.returnValue),
    logs: JSON.stringify((execResult.logs ?? []).map(([address, topics, payload]) => [bytesToHex(address), topics.map((t) => bytesToHex(t)), bytesToHex(payload)])),
    root: bytesToHex(await vm.stateManager.getStateRoot()),
  }
}

/** Runs `program` at CONTRACT on both VMs and asserts the outcomes are equal; returns it. */
export async function compare(prepare: Prepare, name: string, program: number[], slots: [bigint, bigint][] = [], gasLimit?: bigint): Promise<Outcome> {
  const code = Uint8Array.from(program)
  const expected = await call(await vmWith(undefined, code, slots), CONTRACT, new Uint8Array(), gasLimit)
  const actual = await call(await vmWith(prepare, code, slots), CONTRACT, new Uint8Array(), gasLimit)
  assert.deepEqual(actual, expected, name)
  return actual
}
