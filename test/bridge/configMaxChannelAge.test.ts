/** The batcher part of bridge/config.ts: maxChannelAgeMs (default, file < environment < flag, range). */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BRIDGE_CONFIG_FLAGS, createBridgeConfig, loadBridgeConfig, splitBridgeArgs } from '../../bridge/config.ts'
import { DEFAULT_MAX_CHANNEL_AGE_MS } from '../../bridge/batcher/channelCut.ts'
import { ConfigError } from '../../node/errors.ts'

test('bridge config maxChannelAgeMs: the batcher default; file < NOMX_MAX_CHANNEL_AGE_MS < --max-channel-age-ms', async () => {
  assert.equal(createBridgeConfig().maxChannelAgeMs, DEFAULT_MAX_CHANNEL_AGE_MS)
  assert.equal(DEFAULT_MAX_CHANNEL_AGE_MS, 12_000)
  assert.ok(BRIDGE_CONFIG_FLAGS.includes('max-channel-age-ms'))
  assert.deepEqual(splitBridgeArgs(['--max-channel-age-ms', '0', '--port', '1']), { bridge: ['--max-channel-age-ms', '0'], rest: ['--port', '1'] })
  const dir = await mkdtemp(join(tmpdir(), 'nomx-bridge-config-'))
  try {
    const file = join(dir, 'bridge.json')
    await writeFile(file, JSON.stringify({ maxChannelAgeMs: 3000 }))
    assert.equal(loadBridgeConfig({ file }).maxChannelAgeMs, 3000)
    assert.equal(loadBridgeConfig({ file, env: { NOMX_MAX_CHANNEL_AGE_MS: '4000' } }).maxChannelAgeMs, 4000)
    assert.equal(loadBridgeConfig({ file, env: { NOMX_MAX_CHANNEL_AGE_MS: '4000' }, argv: ['--max-channel-age-ms=0'] }).maxChannelAgeMs, 0)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})

test('bridge config maxChannelAgeMs: an integer from 0 to 86400000 ms', () => {
  const expected = new ConfigError('config: bridge.maxChannelAgeMs: expected an integer from 0 to 86400000')
  assert.throws(() => createBridgeConfig({ maxChannelAgeMs: -1 }), expected)
  assert.throws(() => createBridgeConfig({ maxChannelAgeMs: 86_400_001 }), expected)
  assert.throws(() => createBridgeConfig({ maxChannelAgeMs: 1.5 }), expected)
  assert.throws(() => loadBridgeConfig({ argv: ['--max-channel-age-ms', '10s'] }), expected)
  assert.equal(createBridgeConfig({ maxChannelAgeMs: 86_400_000 }).maxChannelAgeMs, 86_400_000)
})
