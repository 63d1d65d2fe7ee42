/** What the NoM client needs from a connection: requests, and (WS only) subscription frames. */

export interface Transport {
  /** Sends one JSON-RPC request and resolves with its `result`; rejects with RPCError/TransportError/TimeoutError. */
  request(method: string, params: unknown[], options?: RequestOptions): Promise<unknown>
  close(): Promise<void>
}

export interface RequestOptions {
  /** Overrides the transport's timeout for this call. */
  timeoutMs?: number
  /** false: do not retry once the request may have reached the node (publishing). Default true. */
  idempotent?: boolean
}

export interface RetryPolicy {
  /** Extra attempts after the first for transport failures (not JSON-RPC errors). Default 3. */
  retries: number
  /** First backoff delay; doubles per attempt. Default 100 ms. */
  backoffMs: number
  /** Upper bound of one backoff delay. Default 2000 ms. */
  maxBackoffMs: number
}

export const DEFAULT_TIMEOUT_MS = 10_000
export const DEFAULT_RETRY: RetryPolicy = { retries: 3, backoffMs: 100, maxBackoffMs: 2_000 }

export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.maxBackoffMs, policy.backoffMs * 2 ** attempt)
}
