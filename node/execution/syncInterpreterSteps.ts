/**
 * Runs @ethereumjs/evm's plain opcodes without a promise per step.
 *
 * The interpreter's loop awaits `runStep` for every opcode, and `runStep` is an async function: each
 * PUSH, DUP, ADD or JUMP costs a promise, a suspended frame and a microtask. That is a third of all
 * memory a replay allocates (an ERC-20 transfer runs several hundred steps) and much of its EVM time.
 *
 * Most opcodes need none of it: no dynamic gas and a synchronous handler. For an EVM it is enabled
 * on (`enableSyncSteps`), `runStep` runs such an opcode, and the plain opcodes that follow it, in
 * one synchronous call, doing per opcode what the library's `runStep` does for it: set the run
 * state's opcode, charge its fixed gas (`useGas`), advance the program counter, call its handler,
 * commit the access witness. It hands back to the library's loop (which then awaits the library's
 * `runStep` as before) at the first opcode that is not plain (dynamic gas, async handler, invalid),
 * at a JUMP/JUMPI/JUMPSUB before the loop's jump analysis has run, at 0xFE, at the end of the code, or
 * whenever anything the library's step would treat specially is on: step listeners, debug, profiler,
 * EOF code, the EIP-6800/7864 code-chunk witnesses, a pending EIP-7928 call out-of-gas. Errors
 * (STOP, out of gas, bad jump, stack errors) are thrown from inside the same call, so the loop
 * handles them as before.
 *
 * Installed like jumpAnalysisCache.ts (the interpreter module next to the package entry, its
 * prototype wrapped once); the layout it relies on is checked when installing and enabling
 * (SyncStepsLayoutError). test/node/execution/syncInterpreterSteps.test.ts compares gas, return
 * data, errors, logs and state roots with the library's stepping on varied contracts.
 */

/** What is read of an opcode table entry (@ethereumjs/evm 10). */
interface OpcodeEntry {
  opcodeInfo: { name: string; feeBigInt: bigint; isAsync: boolean; dynamicGas: boolean; isInvalid: boolean }
  opHandler: (runState: RunState, common: unknown) => unknown
}

interface RunState {
  opCode: number
  programCounter: number
  code: Uint8Array
  shouldDoJumpAnalysis: boolean
  eip7928PostTargetCallOog?: unknown
  env: { eof?: unknown; accessWitness?: { commit(): void } }
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
  common: { isActivatedEIP(eip: number): boolean }
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

function isPlain(entry: OpcodeEntry | undefined): entry is OpcodeEntry {
  if (entry === undefined) return false
  const info = entry.opcodeInfo
  return !info.dynamicGas && !info.isAsync && !info.isInvalid
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
  const entry = import.meta.resolve('@ethereumjs/evm')
  const { Interpreter } = (await import(new URL('./interpreter.js', entry).href)) as { Interpreter: { prototype: InterpreterLike & { [installed]?: true } } }
  const proto = Interpreter.prototype
  if (proto[installed] === true) return
  for (const method of ['runStep', 'useGas', 'lookupOpInfo'] as const) {
    if (typeof proto[method] !== 'function') throw new SyncStepsLayoutError(`@ethereumjs/evm Interpreter has no ${method} method`)
  }
  const libraryStep = proto.runStep
  proto.runStep = function runStep(this: InterpreterLike, opcodeObj?: OpcodeEntry): Promise<void> | void {
    const runState = this._runState
    let entry = opcodeObj ?? this.lookupOpInfo(runState.opCode)
    if (!isPlain(entry) || !steppable(this)) return libraryStep.call(this, opcodeObj)
    const map = this._evm._opcodeMap
    const common = this.common
    const code = runState.code
    for (;;) {
      const info = entry.opcodeInfo
      this.useGas(info.feeBigInt, info)
      runState.programCounter++
      entry.opHandler(runState, common)
      runState.env.accessWitness?.commit()
      // The next opcode, if it is plain and the loop would not do anything before it.
      const pc = runState.programCounter
      if (pc >= code.length) return
      const op = code[pc] as number
      if (op === 0xfe) return
      if ((op === 0x56 || op === 0x57 || op === 0x5e) && runState.shouldDoJumpAnalysis !== false) return
      const next = map[op]
      if (!isPlain(next) || runState.eip7928PostTargetCallOog !== undefined) return
      runState.opCode = op
      entry = next
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
