/**
 * Runs most of @ethereumjs/evm's opcodes without a promise per step.
 *
 * The interpreter's loop awaits `runStep` for every opcode, and `runStep` is an async function: each
 * PUSH, DUP, ADD or JUMP costs a promise, a suspended frame and a microtask, and an opcode with
 * dynamic gas awaits its (async) gas handler too. That was a third of all memory a replay allocated
 * (an ERC-20 transfer runs ~300 steps) and much of its EVM time.
 *
 * Most opcodes need none of it. An opcode runs here when its handler is not an async function and
 * its gas is fixed, or is one of the memory-only dynamic costs computed below exactly as the
 * library's gas handler computes it (KECCAK256, CALLDATACOPY, CODECOPY, MLOAD, MSTORE, MSTORE8,
 * MCOPY, LOG0–4, RETURN, REVERT; used only while the EVM's gas handler for it is still the
 * library's own). For an EVM it is enabled on (`enableSyncSteps`), `runStep` runs such an opcode,
 * and the ones that follow it, in one synchronous call, doing per opcode what the library's
 * `runStep` does for it: set the run state's opcode, compute the gas (the memory expansion is
 * recorded as the library records it), charge it (`useGas`), advance the program counter, call
 * its handler, commit the access witness. A handler that returns a promise after all (a plain
 * function flagged async) is awaited by the library's loop, through the promise runStep returns.
 * It hands back to the library's loop (which then awaits the library's `runStep` as before) at the
 * first opcode that cannot run here (storage, calls, creates, account reads, invalid), at a
 * JUMP/JUMPI/JUMPSUB before the loop's jump analysis has run, at 0xFE, at the end of the code, or
 * whenever anything the library's step would treat specially is on: step listeners, debug,
 * profiler, EOF code, the EIP-6800/7864 code-chunk witnesses, a pending EIP-7928 call out-of-gas.
 * Errors (STOP, out of gas, bad jump, stack errors, memory out of range, a LOG in a static call)
 * are thrown from inside the same call, so the loop handles them as before.
 *
 * Installed like jumpAnalysisCache.ts (the interpreter module next to the package entry, its
 * prototype wrapped once); the layout it relies on is checked when installing and enabling
 * (SyncStepsLayoutError). test/node/execution/syncInterpreterSteps.test.ts compares gas, return
 * data, errors, logs and state roots with the library's stepping on varied contracts.
 */
import { importEVMModule } from './evmModule.ts'

/** What is read of an opcode table entry (@ethereumjs/evm 10). */
interface OpcodeEntry {
  opcodeInfo: { name: string; feeBigInt: bigint; isAsync: boolean; dynamicGas: boolean; isInvalid: boolean }
  opHandler: (runState: RunState, common: unknown) => unknown
  gasHandler?: unknown
}

interface RunState {
  opCode: number
  programCounter: number
  code: Uint8Array
  shouldDoJumpAnalysis: boolean
  eip7928PostTargetCallOog?: unknown
  env: { eof?: unknown; accessWitness?: { commit(): void } }
  stack: { peek(count?: number): bigint[] }
  interpreter: { isStatic(): boolean }
}

interface CommonLike {
  isActivatedEIP(eip: number): boolean
  param(name: string): bigint
}

/** What is used of @ethereumjs/evm's opcodes/util.js, opcodes/gas.js and errors.js. */
interface GasLibrary {
  subMemUsage(runState: RunState, offset: bigint, length: bigint, common: CommonLike): bigint
  divCeil(a: bigint, b: bigint): bigint
  trap(error: string): never
  dynamicGasHandlers: Map<number, unknown>
  errorMessages: { STATIC_STATE_CHANGE: string; OUT_OF_RANGE: string }
}

/** A dynamic gas computed synchronously: the fee plus what the library's handler adds. */
type SyncGas = (runState: RunState, gas: bigint, common: CommonLike) => bigint

/** How an opcode runs here: its table entry and, for dynamic gas, the synchronous computation. */
interface SyncStep {
  entry: OpcodeEntry
  gas: SyncGas | undefined
}

interface EVMLike {
  _opcodeMap: (OpcodeEntry | undefined)[]
  DEBUG: boolean
  events: { listenerCount(event: string): number }
  [ENABLED]?: true
}

interface InterpreterLike {
  _runState: RunState
  _evm: EVMLike
  common: CommonLike
  profilerOpts?: { enabled?: boolean }
  useGas(amount: bigint, context: unknown): void
  lookupOpInfo(op: number): OpcodeEntry
  runStep(opcodeObj?: OpcodeEntry): Promise<void> | void
}

const ENABLED = Symbol.for('nomx.syncInterpreterSteps.enabled')
const installed = Symbol.for('nomx.syncInterpreterSteps')

export class SyncStepsLayoutError extends Error {
  override name = 'SyncStepsLayoutError'
}

/** The memory-only dynamic gas handlers of @ethereumjs/evm 10 (opcodes/gas.js), synchronous. */
function syncGasTable(lib: GasLibrary): Map<number, SyncGas> {
  const { subMemUsage, divCeil, trap } = lib
  const words = (length: bigint) => divCeil(length, 32n)
  const copy: SyncGas = (runState, gas, common) => {
    const [memOffset, , dataLength] = runState.stack.peek(3) as [bigint, bigint, bigint]
    gas += subMemUsage(runState, memOffset, dataLength, common)
    if (dataLength !== 0n) gas += common.param('copyGas') * words(dataLength)
    return gas
  }
  const word = (size: bigint): SyncGas => (runState, gas, common) => gas + subMemUsage(runState, runState.stack.peek()[0]!, size, common)
  const range: SyncGas = (runState, gas, common) => {
    const [offset, length] = runState.stack.peek(2) as [bigint, bigint]
    return gas + subMemUsage(runState, offset, length, common)
  }
  const log: SyncGas = (runState, gas, common) => {
    if (runState.interpreter.isStatic()) trap(lib.errorMessages.STATIC_STATE_CHANGE)
    const [memOffset, memLength] = runState.stack.peek(2) as [bigint, bigint]
    const topicsCount = runState.opCode - 0xa0
    if (topicsCount < 0 || topicsCount > 4) trap(lib.errorMessages.OUT_OF_RANGE)
    gas += subMemUsage(runState, memOffset, memLength, common)
    return gas + common.param('logTopicGas') * BigInt(topicsCount) + memLength * common.param('logDataGas')
  }
  const table = new Map<number, SyncGas>([
    [0x20, (runState, gas, common) => {
      const [offset, length] = runState.stack.peek(2) as [bigint, bigint]
      gas += subMemUsage(runState, offset, length, common)
      return gas + common.param('keccak256WordGas') * words(length)
    }],
    [0x37, copy],
    // CODECOPY's EIP-6800/7864 code-chunk charge never applies here (steppable refuses those EIPs).
    [0x39, copy],
    [0x51, word(32n)],
    [0x52, word(32n)],
    [0x53, word(1n)],
    [0x5e, (runState, gas, common) => {
      const [dst, src, length] = runState.stack.peek(3) as [bigint, bigint, bigint]
      gas += 3n * ((length + 31n) / 32n)
      gas += subMemUsage(runState, src, length, common)
      return gas + subMemUsage(runState, dst, length, common)
    }],
    [0xf3, range],
    [0xfd, range],
  ])
  for (let op = 0xa0; op <= 0xa4; op++) table.set(op, log)
  return table
}

const isAsyncFunction = (fn: unknown) => Object.prototype.toString.call(fn) === '[object AsyncFunction]'

/** Per opcode table: how each opcode runs here (undefined: by the library's step). */
function stepsFor(map: (OpcodeEntry | undefined)[], lib: GasLibrary, syncGas: Map<number, SyncGas>): (SyncStep | undefined)[] {
  return map.map((entry, op) => {
    if (entry === undefined || entry.opcodeInfo.isInvalid || isAsyncFunction(entry.opHandler)) return undefined
    if (!entry.opcodeInfo.dynamicGas) return { entry, gas: undefined }
    const gas = syncGas.get(op)
    // Only while the EVM uses the library's own handler for it (custom opcodes may replace it).
    if (gas === undefined || entry.gasHandler !== lib.dynamicGasHandlers.get(op)) return undefined
    return { entry, gas }
  })
}

/** Nothing on this interpreter that the library's step would handle beyond the plain path. */
function steppable(interpreter: InterpreterLike): boolean {
  const evm = interpreter._evm
  if (evm[ENABLED] !== true || evm.DEBUG || interpreter.profilerOpts?.enabled === true) return false
  if (evm.events.listenerCount('step') > 0) return false
  const runState = interpreter._runState
  if (runState.env.eof !== undefined || runState.eip7928PostTargetCallOog !== undefined) return false
  const common = interpreter.common
  return !common.isActivatedEIP(6800) && !common.isActivatedEIP(7864)
}

/** Wraps the interpreter's runStep once per process (inactive until an EVM is enabled). */
export async function installSyncInterpreterSteps(): Promise<void> {
  const { Interpreter } = (await importEVMModule('./interpreter.js')) as { Interpreter: { prototype: InterpreterLike & { [installed]?: true } } }
  const proto = Interpreter.prototype
  if (proto[installed] === true) return
  for (const method of ['runStep', 'useGas', 'lookupOpInfo'] as const) {
    if (typeof proto[method] !== 'function') throw new SyncStepsLayoutError(`@ethereumjs/evm Interpreter has no ${method} method`)
  }
  const util = (await importEVMModule('./opcodes/util.js')) as Partial<GasLibrary>
  const gasModule = (await importEVMModule('./opcodes/gas.js')) as Partial<GasLibrary>
  const { EVMError } = (await importEVMModule('./errors.js')) as { EVMError?: { errorMessages?: Partial<GasLibrary['errorMessages']> } }
  const messages = EVMError?.errorMessages
  if (typeof util.subMemUsage !== 'function' || typeof util.divCeil !== 'function' || typeof util.trap !== 'function' || !(gasModule.dynamicGasHandlers instanceof Map)) {
    throw new SyncStepsLayoutError('@ethereumjs/evm opcodes have no subMemUsage, divCeil, trap or dynamicGasHandlers')
  }
  if (typeof messages?.STATIC_STATE_CHANGE !== 'string' || typeof messages.OUT_OF_RANGE !== 'string') {
    throw new SyncStepsLayoutError('@ethereumjs/evm EVMError has no STATIC_STATE_CHANGE or OUT_OF_RANGE message')
  }
  const lib: GasLibrary = { subMemUsage: util.subMemUsage, divCeil: util.divCeil, trap: util.trap, dynamicGasHandlers: gasModule.dynamicGasHandlers, errorMessages: messages as GasLibrary['errorMessages'] }
  const syncGas = syncGasTable(lib)
  // Classified once per opcode table (an EVM makes a new one when its hardfork changes).
  const tables = new WeakMap<(OpcodeEntry | undefined)[], (SyncStep | undefined)[]>()
  const stepsOf = (map: (OpcodeEntry | undefined)[]) => {
    let steps = tables.get(map)
    if (steps === undefined) tables.set(map, (steps = stepsFor(map, lib, syncGas)))
    return steps
  }
  const libraryStep = proto.runStep
  proto.runStep = function runStep(this: InterpreterLike, opcodeObj?: OpcodeEntry): Promise<void> | void {
    const runState = this._runState
    const map = this._evm._opcodeMap
    const steps = stepsOf(map)
    let step = steps[runState.opCode]
    if (step === undefined || (opcodeObj !== undefined && opcodeObj !== step.entry) || !steppable(this)) return libraryStep.call(this, opcodeObj)
    const common = this.common
    const code = runState.code
    for (;;) {
      const { entry, gas } = step
      const info = entry.opcodeInfo
      this.useGas(gas === undefined ? info.feeBigInt : gas(runState, info.feeBigInt, common), info)
      runState.programCounter++
      const result = entry.opHandler(runState, common)
      if (result instanceof Promise) {
        return result.then(() => {
          runState.env.accessWitness?.commit()
        })
      }
      runState.env.accessWitness?.commit()
      // The next opcode, if it runs here and the loop would not do anything before it.
      const pc = runState.programCounter
      if (pc >= code.length) return
      const op = code[pc] as number
      if (op === 0xfe) return
      if ((op === 0x56 || op === 0x57 || op === 0x5e) && runState.shouldDoJumpAnalysis !== false) return
      const next = steps[op]
      if (next === undefined || runState.eip7928PostTargetCallOog !== undefined) return
      runState.opCode = op
      step = next
    }
  }
  proto[installed] = true
}

/** Turns the synchronous steps on for `evm` (a VM's `vm.evm`); installSyncInterpreterSteps must have run. */
export function enableSyncSteps(evm: unknown): void {
  const target = evm as EVMLike
  if (!Array.isArray(target._opcodeMap) || typeof target.DEBUG !== 'boolean' || typeof target.events?.listenerCount !== 'function') {
    throw new SyncStepsLayoutError('@ethereumjs/evm EVM has no _opcodeMap, DEBUG or events')
  }
  const push1 = target._opcodeMap[0x60]
  if (push1?.opcodeInfo?.name !== 'PUSH' || typeof push1.opcodeInfo.feeBigInt !== 'bigint' || typeof push1.opcodeInfo.dynamicGas !== 'boolean' || typeof push1.opcodeInfo.isInvalid !== 'boolean') {
    throw new SyncStepsLayoutError('@ethereumjs/evm opcode entries are not { opcodeInfo: { name, feeBigInt, isAsync, dynamicGas, isInvalid }, opHandler }')
  }
  target[ENABLED] = true
}
