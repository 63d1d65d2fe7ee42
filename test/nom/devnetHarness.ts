// Starts the in-process devnet (nom/devnet) on random ports with a temp data dir, for client tests.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDevnet } from '../../nom/devnet/devnet.ts'
import type { Devnet } from '../../nom/devnet/devnet.ts'
import { keyPairFromMnemonic } from '../../nom/keys.ts'
import type { KeyPair } from '../../nom/keys.ts'

export const DEV_MNEMONIC = 'test test test test test test test test test test test junk'

/** Account i of the dev genesis (0..8 have 1,000 QSR fused, 9 has no plasma). */
export function devAccount(i: number): KeyPair {
  return keyPairFromMnemonic(DEV_MNEMONIC, i)
}

export interface Harness {
  devnet: Devnet
  stop(): Promise<void>
}

export async function startDevnet(momentumIntervalMs = 150): Promise<Harness> {
  const dataDir = await mkdtemp(join(tmpdir(), 'nomx-client-'))
  const devnet = await createDevnet({ dataDir, momentumIntervalMs, http: { port: 0 }, ws: { port: 0 } })
  return {
    devnet,
    async stop() {
      await devnet.stop()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

/** Polls `probe` until it returns a value other than undefined. */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const v = await probe()
    if (v !== undefined) return v
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}
