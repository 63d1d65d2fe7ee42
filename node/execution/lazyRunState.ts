/**
 * @ethereumjs/evm's `runInterpreter` without its eager copy of the run state.
 *
 * The library ends every call frame by spreading the interpreter's run state (~20 fields), the
 * frame's result and its environment (~20 fields) into one new object, `execResult.runState`. No
 * code in @ethereumjs/evm, @ethereumjs/vm or this node reads it, and the 43-property object it
 * makes falls out of V8's fast properties: ~30 µs per call frame, a tenth of an ERC-20 transfer's
 * execution. Here the same method returns `runState` as a getter that makes that same object on
 * first access (from the same three objects, which nothing changes after the frame ends).
 *
 * Everything else is the library's method, step for step: the callee account (an empty one if
 * absent), the environment built from the message and the EVM's tx and block context, a new
 * Interpreter, the message's selfdestruct and created-address sets, the run, gas used (all of it
 * on an error other than REVERT or an invalid EOF format, whose result keeps no logs, selfdestructs
 * or created addresses), the access witness commit, and the returned fields.
 *
 * Installed like syncInterpreterSteps.ts: the EVM prototype's method wrapped once per process,
 * active for EVMs it is enabled on (`enableLazyRunState`); the layout it relies on is checked when
 * installing (LazyRunStateLayoutError). test/node/execution/lazyRunState.test.ts compares every
 * field of the call results, run state included, with the library's on varied contracts.
 */
import { Account, createZeroAddress } from '@ethereumjs/util'
import { importEVMModule } from './evmModule.ts'

export class LazyRunStateLayoutError extends Error {
  override name = 'LazyRunStateLayoutError'
}

const ENABLED = Symbol.for('nomx.lazyRunState.enabled')
const installed = Symbol.for('nomx.lazyRunState')

interface Message {
  to?: unknown
  caller?: unknown
  data?: Uint8Array
  value?: bigint
  code: unknown
  isStatic?: boolean
  isCreate?: boolean
  depth?: number
  codeAddress: unknown
  gasRefund: bigint
  chargeCodeAccesses?: boolean
  blobVersionedHashes?: Uint8Array[]
  accessWitness?: { commit(): void }
  createdAddresses?: Set<string>
  selfdestruct?: Set<string>
  gasLimit: bigint
}

interface InterpreterResult {
  runState: { gasLeft: bigint; gasRefund: bigint; stateGasSpilled?: bigint }
  exceptionError?: { error: string }
}

interface InterpreterLike {
  _result: { selfdestruct?: Set<string>; createdAddresses?: Set<string>; returnValue?: Uint8Array }
  _env: object
  run(code: unknown, opts: object): Promise<InterpreterResult>
}

type InterpreterClass = new (...args: unknown[]) => InterpreterLike

interface EVMLike {
  stateManager: { getAccount(address: unknown): Promise<Account | undefined> }
  blockchain: unknown
  journal: unknown
  performanceLogger: unknown
  _optsCached: { profiler?: unknown }
  _tx: { gasPrice: bigint; origin?: unknown }
  _block?: unknown
  runInterpreter(message: Message, opts?: { initialLogs?: unknown }): Promise<object>
  [ENABLED]?: true
}

/** Wraps EVM.prototype.runInterpreter once per process (inactive until an EVM is enabled). */
export async function installLazyRunState(): Promise<void> {
  const { EVM, defaultBlock } = (await importEVMModule('./evm.js')) as { EVM?: { prototype: EVMLike & { [installed]?: true } }; defaultBlock?: () => unknown }
  const { Interpreter } = (await importEVMModule('./interpreter.js')) as { Interpreter?: InterpreterClass }
  const { EVMError } = (await importEVMModule('./errors.js')) as { EVMError?: { errorMessages?: { REVERT?: string; INVALID_EOF_FORMAT?: string } } }
  const proto = EVM?.prototype
  if (proto === undefined || typeof proto.runInterpreter !== 'function' || typeof defaultBlock !== 'function' || typeof Interpreter !== 'function') {
    throw new LazyRunStateLayoutError('@ethereumjs/evm has no EVM.runInterpreter, defaultBlock or Interpreter')
  }
  const REVERT = EVMError?.errorMessages?.REVERT
  const INVALID_EOF_FORMAT = EVMError?.errorMessages?.INVALID_EOF_FORMAT
  if (typeof REVERT !== 'string' || typeof INVALID_EOF_FORMAT !== 'string') {
    throw new LazyRunStateLayoutError('@ethereumjs/evm EVMError has no REVERT or INVALID_EOF_FORMAT message')
  }
  if (proto[installed] === true) return
  const library = proto.runInterpreter
  proto.runInterpreter = async function runInterpreter(this: EVMLike, message: Message, opts: { initialLogs?: unknown } = {}): Promise<object> {
    if (this[ENABLED] !== true) return library.call(this, message, opts)
    const contract = (await this.stateManager.getAccount(message.to ?? createZeroAddress())) ?? new Account()
    const env = {
      address: message.to ?? createZeroAddress(),
      caller: message.caller ?? createZeroAddress(),
      callData: message.data ?? Uint8Array.from([0]),
      callValue: message.value ?? 0n,
      code: message.code,
      isStatic: message.isStatic ?? false,
      isCreate: message.isCreate ?? false,
      depth: message.depth ?? 0,
      gasPrice: this._tx.gasPrice,
      origin: this._tx.origin ?? message.caller ?? createZeroAddress(),
      block: this._block ?? defaultBlock(),
      contract,
      codeAddress: message.codeAddress,
      gasRefund: message.gasRefund,
      chargeCodeAccesses: message.chargeCodeAccesses,
      blobVersionedHashes: message.blobVersionedHashes ?? [],
      accessWitness: message.accessWitness,
      createdAddresses: message.createdAddresses,
      initialLogs: opts.initialLogs,
    }
    const interpreter = new Interpreter(this, this.stateManager, this.blockchain, env, message.gasLimit, this.journal, this.performanceLogger, this._optsCached.profiler)
    if (message.selfdestruct) interpreter._result.selfdestruct = message.selfdestruct
    if (message.createdAddresses) interpreter._result.createdAddresses = message.createdAddresses
    const run = await interpreter.run(message.code, opts)
    const error = run.exceptionError
    let result: object = interpreter._result
    let executionGasUsed = message.gasLimit - run.runState.gasLeft
    if (error) {
      if (error.error !== REVERT && error.error !== INVALID_EOF_FORMAT) executionGasUsed = message.gasLimit
      result = { ...result, logs: [], selfdestruct: new Map(), createdAddresses: new Set() }
    }
    message.accessWitness?.commit()
    const frame = result as { returnValue?: Uint8Array }
    const out = {
      ...result,
      runState: undefined as object | undefined,
      exceptionError: error,
      gas: run.runState?.gasLeft,
      executionGasUsed,
      gasRefund: run.runState.gasRefund,
      stateGasSpilled: run.runState.stateGasSpilled,
      returnValue: frame.returnValue ?? new Uint8Array(0),
    }
    // Redefined in place, so the keys keep the library's order.
    let runState: object | undefined
    Object.defineProperty(out, 'runState', {
      enumerable: true,
      configurable: true,
      get: () => (runState ??= { ...run.runState, ...result, ...interpreter._env }),
      set: (value: object) => {
        runState = value
      },
    })
    return out
  }
  proto[installed] = true
}

/** Turns the lazy run state on for `evm` (a VM's `vm.evm`); installLazyRunState must have run. */
export function enableLazyRunState(evm: unknown): void {
  const target = evm as EVMLike
  if (typeof target?.runInterpreter !== 'function') {
    throw new LazyRunStateLayoutError('@ethereumjs/evm EVM has no runInterpreter method')
  }
  target[ENABLED] = true
}
