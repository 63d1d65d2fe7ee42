/**
 * Group commit for small independent writes (the tx-pool journal): a write issued while another is
 * in flight waits and goes out with every other write that arrived meanwhile, in one level batch.
 * A lone write goes out at once, so latency is unchanged when idle; under load (a JSON-RPC batch
 * of 100 txs) the journal costs a few level batches instead of one per tx. Ops keep their order.
 */
import type { Database, WriteOp } from './database.ts'

export type GroupWriter = (ops: WriteOp[]) => Promise<void>

interface Waiting {
  ops: WriteOp[]
  resolve: () => void
  reject: (error: unknown) => void
}

export function createGroupWriter(db: Pick<Database, 'write'>): GroupWriter {
  let queue: Waiting[] = []
  let writing = false

  async function drain(): Promise<void> {
    writing = true
    while (queue.length > 0) {
      const group = queue
      queue = []
      try {
        await db.write(group.flatMap((w) => w.ops))
        for (const w of group) w.resolve()
      } catch (error) {
        for (const w of group) w.reject(error)
      }
    }
    writing = false
  }

  return (ops) =>
    new Promise<void>((resolve, reject) => {
      queue.push({ ops, resolve, reject })
      if (!writing) void drain()
    })
}
