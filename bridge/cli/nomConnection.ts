/**
 * The NoM client of a command, with reachability checked once up front so a wrong `--nom-rpc`
 * fails with what to do instead of a retry loop's last error.
 */
import { createNoMClient, type NoMClient } from '../../nom/rpc/client.ts'
import { BridgeNetworkError } from './errors.ts'

export const DEFAULT_NOM_RPC = 'http://127.0.0.1:35997'

export async function connectNoM(url: string): Promise<NoMClient> {
  let client: NoMClient
  try {
    client = createNoMClient({ url, timeoutMs: 15_000, retry: { retries: 2 } })
  } catch (error) {
    throw new BridgeNetworkError((error as Error).message)
  }
  try {
    await client.getFrontierMomentum()
  } catch (error) {
    await client.close().catch(() => undefined)
    throw new BridgeNetworkError(`cannot reach the NoM node at ${url} (${(error as Error).message}): is it running (nomx dev)? Pass --nom-rpc URL to use another`)
  }
  return client
}
