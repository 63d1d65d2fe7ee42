import { describe } from 'node:test'
import { anchorScenarios } from './scenarios.ts'
import { createHarnessDriver } from './driver.ts'

describe('anchor on the in-memory host', () => {
  const driver = createHarnessDriver(10n)
  anchorScenarios(() => driver)
})
