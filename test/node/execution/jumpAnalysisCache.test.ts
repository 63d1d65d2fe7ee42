import { test } from 'node:test'
import assert from 'node:assert/strict'
import { installJumpAnalysisCache } from '../../../node/execution/jumpAnalysisCache.ts'

interface Analysis {
  jumps: Uint8Array
}
type Analyse = (this: unknown, code: Uint8Array) => Analysis

/** An interpreter stand-in: what the analysis reads of `this`. */
function interpreter(opcodeMap: object) {
  return { _evm: { _opcodeMap: opcodeMap }, lookupOpInfo: (op: number) => ({ op }), common: { isActivatedEIP: () => false } }
}

test('the jump analysis is reused for the same code bytes and opcode table only', async () => {
  await installJumpAnalysisCache()
  await installJumpAnalysisCache() // idempotent
  const entry = import.meta.resolve('@ethereumjs/evm')
  const { Interpreter } = (await import(new URL('./interpreter.js', entry).href)) as { Interpreter: { prototype: { _getValidJumpDestinations: Analyse } } }
  const analyse = Interpreter.prototype._getValidJumpDestinations
  const table = {}
  const self = interpreter(table)
  // 80 bytes: JUMPDEST at 0 and 79, PUSH2 0x5b5b at 10 (its bytes are not destinations).
  const code = new Uint8Array(80)
  code[0] = 0x5b
  code[10] = 0x61
  code[11] = 0x5b
  code[12] = 0x5b
  code[79] = 0x5b
  const first = analyse.call(self, code)
  assert.deepEqual([...first.jumps.keys()].filter((i) => first.jumps[i] === 1), [0, 79])
  assert.equal(analyse.call(self, code), first)
  assert.notEqual(analyse.call(interpreter({}), code), first, 'another opcode table')
  assert.deepEqual(analyse.call(self, code.slice()).jumps, first.jumps)
  code[79] = 0x00
  const changed = analyse.call(self, code)
  assert.notEqual(changed, first)
  assert.deepEqual([...changed.jumps.keys()].filter((i) => changed.jumps[i] === 1), [0])
  const short = new Uint8Array([0x5b, 0x00])
  assert.notEqual(analyse.call(self, short), analyse.call(self, short), 'short code is analysed each time')
})
