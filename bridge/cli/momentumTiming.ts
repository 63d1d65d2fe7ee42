/**
 * "When" in words for a momentum height: the gap from the frontier and its duration, estimated from
 * the recent momentum cadence (timestamps are whole seconds, so it is measured over many momentums).
 */
import type { NoMClient } from '../../nom/rpc/client.ts'
import { BridgeNetworkError } from './errors.ts'
import type { Output } from './output.ts'

const SAMPLE = 100n

/** Seconds per momentum over the last (up to) 100 momentums after genesis; 10 (mainnet cadence) when there is no history. */
export async function momentumSeconds(client: NoMClient): Promise<{ frontier: bigint; secondsPerMomentum: number }> {
  const frontier = await client.getFrontierMomentum()
  // Momentum 1 is genesis, whose timestamp is the network's birth, not the cadence: measure from 2 on.
  const span = frontier.height - 2n > SAMPLE ? SAMPLE : frontier.height - 2n
  if (span <= 0n) return { frontier: frontier.height, secondsPerMomentum: 10 }
  const past = (await client.getMomentumsByHeight(frontier.height - span, 1)).list[0]
  if (past === undefined) return { frontier: frontier.height, secondsPerMomentum: 10 }
  return { frontier: frontier.height, secondsPerMomentum: Number(frontier.timestamp - past.timestamp) / Number(span) }
}

export function aboutSeconds(momentums: bigint, secondsPerMomentum: number): string {
  const seconds = Math.ceil(Number(momentums) * secondsPerMomentum)
  if (seconds < 1) return 'under a second'
  if (seconds < 120) return `about ${seconds} s`
  if (seconds < 7200) return `about ${Math.round(seconds / 60)} min`
  return `about ${(seconds / 3600).toFixed(1)} h`
}

/** "at momentum M, now N: about S s" (or "since momentum M" when already reached). */
export async function whenMomentum(client: NoMClient, height: bigint): Promise<string> {
  const { frontier, secondsPerMomentum } = await momentumSeconds(client)
  if (frontier >= height) return `at momentum ${height}, now ${frontier}: reached`
  return `at momentum ${height}, now ${frontier}: ${aboutSeconds(height - frontier, secondsPerMomentum)}`
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Waits until the frontier reaches `height`, printing progress every few seconds. */
export async function waitForMomentum(client: NoMClient, height: bigint, out: Output, timeoutMs: number, what: string, pollMs = 250): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let lastNote = 0
  for (;;) {
    const frontier = (await client.getFrontierMomentum()).height
    if (frontier >= height) return
    if (Date.now() - lastNote >= 5_000) {
      lastNote = Date.now()
      out.progress(`waiting for ${what}: ${await whenMomentum(client, height)}`)
    }
    if (Date.now() + pollMs > deadline) throw new BridgeNetworkError(`momentum ${height} was not reached within ${timeoutMs / 1000} s (now ${frontier}): check the NoM node, then run this again`)
    await sleep(pollMs)
  }
}
