/**
 * Keeps RPC reads apart from the short commit step of a ledger write (level batch + pending pool
 * update), so a read never sees one without the other. Reads run concurrently; a commit waits for
 * running reads to finish, and reads that arrive meanwhile wait for the commit.
 */
export class ReadWriteGate {
  private readers = 0
  private committing: Promise<void> | undefined
  private drained: (() => void) | undefined

  async read<T>(fn: () => Promise<T>): Promise<T> {
    while (this.committing !== undefined) await this.committing
    this.readers++
    try {
      return await fn()
    } finally {
      this.readers--
      if (this.readers === 0) this.drained?.()
    }
  }

  /** Callers must not overlap commits (the ledger serializes its writers). */
  async commit<T>(fn: () => Promise<T>): Promise<T> {
    let release!: () => void
    this.committing = new Promise<void>((resolve) => (release = resolve))
    try {
      if (this.readers > 0) await new Promise<void>((resolve) => (this.drained = resolve))
      this.drained = undefined
      return await fn()
    } finally {
      this.committing = undefined
      release()
    }
  }
}
