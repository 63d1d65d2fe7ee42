/** The batcher part of bridge/config.ts: maxChannelAgeMs and maxChannelBytes (default, file < environment < flag, range). */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BRIDGE_CONFIG_FLAGS, createBridgeConfig, loadBridgeConfig, splitBridgeArgs } from '../../bridge/config.ts'
import { DEFAULT_MAX_CHANNEL_AGE_MS, DEFAULT_MAX_CHANNEL_BYTES } from '../../bridge/batcher/channelCut.ts'
import { ConfigError } from '../../node/errors.ts'

const settings = [
  { key: 'maxChannelAgeMs', flag: 'max-channel-age-ms', env: 'NOMX_MAX_CHANNEL_AGE_MS', byDefault: DEFAULT_MAX_CHANNEL_AGE_MS, defaultIs: 12_000, min: 0, max: 86_400_000 },
  { key: 'maxChannelBytes', flag: 'max-channel-bytes', env: 'NOMX_MAX_CHANNEL_BYTES', byDefault: DEFAULT_MAX_CHANNEL_BYTES, defaultIs: 1_048_576, min: 1024, max: 67_108_864 },
] as const

for (const s of settings) {
  test(`bridge config ${s.key}: the batcher default; file < ${s.env} < --${s.flag}`, async () => {
    assert.equal(createBridgeConfig()[s.key], s.byDefault)
    assert.equal(s.byDefault, s.defaultIs)
    assert.ok(BRIDGE_CONFIG_FLAGS.includes(s.flag))
    assert.deepEqual(splitBridgeArgs([`--${s.flag}`, String(s.min), '--port', '1']), { bridge: [`--${s.flag}`, String(s.min)], rest: ['--port', '1'] })
    const dir = await mkdtemp(join(tmpdir(), 'nomx-bridge-config-'))
    try {
      const file = join(dir, 'bridge.json')
      await writeFile(file, JSON.stringify({ [s.key]: 3000 }))
      assert.equal(loadBridgeConfig({ file })[s.key], 3000)
      assert.equal(loadBridgeConfig({ file, env: { [s.env]: '4000' } })[s.key], 4000)
      assert.equal(loadBridgeConfig({ file, env: { [s.env]: '4000' }, argv: [`--${s.flag}=${s.max}`] })[s.key], s.max)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  test(`bridge config ${s.key}: an integer from ${s.min} to ${s.max}`, () => {
    const expected = new ConfigError(`config: bridge.${s.key}: expected an integer from ${s.min} to ${s.max}`)
    assert.throws(() => createBridgeConfig({ [s.key]: s.min - 1 }), expected)
    assert.throws(() => createBridgeConfig({ [s.key]: s.max + 1 }), expected)
    assert.throws(() => createBridgeConfig({ [s.key]: 1500.5 }), expected)
    assert.throws(() => loadBridgeConfig({ argv: [`--${s.flag}`, '10s'] }), expected)
    assert.equal(createBridgeConfig({ [s.key]: s.max })[s.key], s.max)
    assert.equal(createBridgeConfig({ [s.key]: s.min })[s.key], s.min)
  })
}
