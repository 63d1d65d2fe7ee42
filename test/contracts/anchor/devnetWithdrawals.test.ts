import { after, before, describe } from 'node:test'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { anchorScenarios } from './scenarios.ts'
import { createDevnetDriver } from './devnetDriver.ts'
import type { DevnetDriver } from './devnetDriver.ts'

describe('anchor through the devnet and the nom/ client: withdrawals, halts, bonds, time challenges', () => {
  let dir = ''
  let driver: DevnetDriver | undefined
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'nomx-anchor-'))
    driver = await createDevnetDriver({ dataDir: dir, administratorDelay: 10n, momentumsOnDemand: true })
  })
  after(async () => {
    await driver?.close()
    await rm(dir, { recursive: true, force: true })
  })

  anchorScenarios(() => driver!, ['withdrawals'])
})
