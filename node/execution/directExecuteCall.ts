/**
 * @ethereumjs/evm's `_executeCall` without its slow copy of the message.
 *
 * Every call frame hands the interpreter `{ ...{ codeAddress }, ...message, gasLimit }`. Copying
 * the message's ~18 fields into an object that started with one field drops it out of V8's fast
 * properties: ~13 µs in a microbenchmark and 21 µs of self time per call in the replay profile. The
 * same fields in the order `{ ...message, codeAddress, gasLimit }` cost 0.06 µs; the interpreter
 * reads them by name, so the frame it runs is the same.
 *
 * The method below is the library's for a chain where none of EIP-6800, 7864 (witnesses), 2780
 * (Amsterdam call gas), 7708 (transfer logs) or 7928 (block access lists) is active, as on nomx's
 * Prague chain: debit the value from the caller (a failure ends the frame), credit the callee, load
 * its code, end early when there is none or the transfer failed, else run a precompile or the
 * interpreter, clean up after a depth-0 call and add the gas charged before the frame. Anything
 * else (one of those EIPs, debug logging, the profiler, an EVM it is not enabled on) runs the
 * library's method. Installed like lazyRunState.ts (EVM prototype wrapped once per process,
 * enabled per EVM; DirectExecuteCallLayoutError when the library's layout changed).
 * test/node/execution/directExecuteCall.test.ts compares call results and state with the library's.
 */
import { Account } from '@ethereumjs/util'
import { importEVMModule } from './evmModule.ts'

export class DirectExecuteCallLayoutError extends Error {
  override name = 'DirectExecuteCallLayoutError'
}

const ENABLED = Symbol.for('nomx.directExecuteCall.enabled')
const installed = Symbol.for('nomx.directExecuteCall')
/** EIPs whose branches of `_executeCall` this method does not have. */
const UNHANDLED_EIPS = [6800, 7864, 2780, 7708, 7928]

interface Message {
  caller: unknown
  to: unknown
  gasLimit: bigint
  gasRefund: bigint
  delegatecall?: boolean
  depth: number
  code?: Uint8Array | ((...args: unknown[]) => unknown)
  data: Uint8Array
  isCompiled?: boolean
  codeAddress: unknown
}

interface ExecResult {
  executionGasUsed: bigint
  gasRefund?: bigint
}

interface EVMLike {
  DEBUG: boolean
  common: { isActivatedEIP(eip: number): boolean }
  _optsCached: { profiler?: { enabled?: boolean } }
  stateManager: { getAccount(address: unknown): Promise<Account | undefined> }
  _reduceSenderBalance(account: Account, message: Message): Promise<void>
  _addToBalance(account: Account, message: Message): Promise<void>
  _loadCode(message: Message): Promise<void>
  runPrecompile(code: unknown, data: Uint8Array, gasLimit: bigint): Promise<ExecResult> | ExecResult
  runInterpreter(message: object, opts: { initialLogs?: unknown }): Promise<ExecResult>
  postMessageCleanup(): void
  _executeCall(message: Message): Promise<{ execResult: object }>
  [ENABLED]?: true
}

const METHODS = ['_reduceSenderBalance', '_addToBalance', '_loadCode', 'runPrecompile', 'runInterpreter', 'postMessageCleanup', '_executeCall'] as const

/** Wraps EVM.prototype._executeCall once per process (inactive until an EVM is enabled). */
export async function installDirectExecuteCall(): Promise<void> {
  const { EVM } = (await importEVMModule('./evm.js')) as { EVM?: { prototype: EVMLike & { [installed]?: true } } }
  const proto = EVM?.prototype
  for (const method of METHODS) {
    if (typeof proto?.[method] !== 'function') throw new DirectExecuteCallLayoutError(`@ethereumjs/evm EVM has no ${method} method`)
  }
  if (proto![installed] === true) return
  const library = proto!._executeCall
  proto!._executeCall = async function _executeCall(this: EVMLike, message: Message): Promise<{ execResult: object }> {
    if (this[ENABLED] !== true || this.DEBUG || this._optsCached.profiler?.enabled === true || UNHANDLED_EIPS.some((eip) => this.common.isActivatedEIP(eip))) {
      return library.call(this, message)
    }
    const gasLimit = message.gasLimit
    const account = (await this.stateManager.getAccount(message.caller)) ?? new Account()
    let errorMessage: unknown
    if (message.delegatecall !== true) {
      try {
        await this._reduceSenderBalance(account, message)
      } catch (error) {
        errorMessage = error
      }
    }
    const toAccount = (await this.stateManager.getAccount(message.to)) ?? new Account()
    if (message.delegatecall !== true) {
      try {
        await this._addToBalance(toAccount, message)
      } catch (error) {
        errorMessage = error
      }
    }
    await this._loadCode(message)
    const code = message.code
    if (!code || (typeof code !== 'function' && code.length === 0) || errorMessage !== undefined) {
      return {
        execResult: { gasRefund: message.gasRefund, executionGasUsed: message.gasLimit - gasLimit, exceptionError: errorMessage, returnValue: new Uint8Array(0), logs: undefined },
      }
    }
    let result: ExecResult
    if (message.isCompiled === true) {
      result = await this.runPrecompile(code, message.data, gasLimit)
      result.gasRefund = message.gasRefund
    } else {
      result = await this.runInterpreter({ ...message, codeAddress: message.codeAddress, gasLimit }, { initialLogs: undefined })
    }
    if (message.depth === 0) this.postMessageCleanup()
    result.executionGasUsed += message.gasLimit - gasLimit
    return { execResult: result }
  }
  proto![installed] = true
}

/** Turns the direct call frames on for `evm` (a VM's `vm.evm`); installDirectExecuteCall must have run. */
export function enableDirectExecuteCall(evm: unknown): void {
  const target = evm as EVMLike
  if (typeof target?._executeCall !== 'function' || typeof target.common?.isActivatedEIP !== 'function') {
    throw new DirectExecuteCallLayoutError('@ethereumjs/evm EVM has no _executeCall method or common')
  }
  target[ENABLED] = true
}
