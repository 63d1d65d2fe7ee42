import { test } from 'node:test'
import assert from 'node:assert/strict'
import { AnchorConfigError, resolveAnchorConfig } from '../../../contracts/anchor/config.ts'

test('configuration is validated once and frozen', () => {
  const admin = new Uint8Array(20)
  const c = resolveAnchorConfig({ administrator: admin })
  assert.equal(c.administratorDelay, 17_280n)
  assert.equal(c.failureLogSize, 10_000)
  assert.equal(Object.isFrozen(c), true)
  assert.throws(() => resolveAnchorConfig({ administrator: new Uint8Array(19) }), (e: unknown) => e instanceof AnchorConfigError && e.message === 'administrator: invalid address: wrong length 19 bytes, expected 20')
  assert.throws(() => resolveAnchorConfig({ administrator: admin, administratorDelay: -1n }), (e: unknown) => e instanceof AnchorConfigError && e.message === 'administratorDelay: must be ≥ 0')
  assert.throws(() => resolveAnchorConfig({ administrator: admin, failureLogSize: 1.5 }), (e: unknown) => e instanceof AnchorConfigError && e.message === 'failureLogSize: must be an integer ≥ 0')
})
