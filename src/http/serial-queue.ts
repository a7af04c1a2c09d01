/** Runs tasks one after the other, in the order they were given. */
export type SerialQueue = { run<T>(task: () => Promise<T>): Promise<T> }

/**
 * A queue for the work that touches the workspace: the embedded database has one connection and one
 * writer, and a footprint read may recompute results, so requests take turns rather than interleave.
 */
export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve()
  return {
    run(task) {
      const result = tail.then(task, task)
      tail = result.catch(() => undefined)
      return result
    },
  }
}
