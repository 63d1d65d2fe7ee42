/**
 * A module of @ethereumjs/evm's build next to its package entry (interpreter.js, evm.js,
 * opcodes/gas.js, …): the same module instances the library runs, for the patches in this folder
 * (jumpAnalysisCache, syncInterpreterSteps, lazyRunState, directExecuteCall). Each checks the
 * layout of what it takes from here.
 */
export function importEVMModule(path: string): Promise<unknown> {
  return import(new URL(path, import.meta.resolve('@ethereumjs/evm')).href)
}
