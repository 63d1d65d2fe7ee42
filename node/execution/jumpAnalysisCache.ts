/**
 * Remembers @ethereumjs/evm's jump-destination analysis per contract code.
 *
 * The interpreter analyses the code (valid JUMPDESTs, PUSH values, opcode table) every time a call
 * with a JUMP starts: an ERC-20 transfer re-reads its ~2 KB contract on each call, a tenth of its
 * EVM time. geth keeps this per code hash; here the analysis is kept per code object (the state
 * manager's code cache hands out the same bytes for an address) together with a copy of the bytes
 * and the opcode table it was made with, and is reused only when both are the same again.
 *
 * The interpreter class is not exported by the package, so its module is loaded next to the
 * package's entry point (the same module instance the EVM uses) and the method is wrapped once.
 */
import { equalsBytes } from '@ethereumjs/util'
import { importEVMModule } from './evmModule.ts'

interface Analysis {
  jumps: Uint8Array
  pushes: Record<number, bigint>
  opcodesCached: unknown[]
}

interface InterpreterLike {
  _getValidJumpDestinations(code: Uint8Array): Analysis
  _evm: { _opcodeMap: unknown }
}

interface Entry {
  bytes: Uint8Array
  opcodeMap: unknown
  analysis: Analysis
}

/** Code shorter than this is analysed again (cheaper than the lookup). */
const MIN_CODE_BYTES = 64
const installed = Symbol.for('nomx.jumpAnalysisCache')

export async function installJumpAnalysisCache(): Promise<void> {
  const { Interpreter } = (await importEVMModule('./interpreter.js')) as { Interpreter: { prototype: InterpreterLike & { [installed]?: true } } }
  const proto = Interpreter.prototype
  if (proto[installed] === true) return
  const analyse = proto._getValidJumpDestinations
  const cache = new WeakMap<Uint8Array, Entry>()
  proto._getValidJumpDestinations = function cachedJumpDestinations(this: InterpreterLike, code: Uint8Array): Analysis {
    if (code.length < MIN_CODE_BYTES) return analyse.call(this, code)
    const opcodeMap = this._evm._opcodeMap
    const hit = cache.get(code)
    if (hit !== undefined && hit.opcodeMap === opcodeMap && equalsBytes(hit.bytes, code)) return hit.analysis
    const analysis = analyse.call(this, code)
    cache.set(code, { bytes: code.slice(), opcodeMap, analysis })
    return analysis
  }
  proto[installed] = true
}
