/**
 * Pull up to `n` items ahead of the consumer from an (async) iterable, so a producer such as an ffmpeg pipe
 * keeps working while the consumer awaits something else (pose inference in a worker).
 */
export async function* readAhead<T>(source: AsyncIterable<T> | Iterable<T>, n: number): AsyncGenerator<T> {
  const it: AsyncIterator<T> | Iterator<T> = Symbol.asyncIterator in source
    ? (source as AsyncIterable<T>)[Symbol.asyncIterator]()
    : (source as Iterable<T>)[Symbol.iterator]();
  const queue: Array<Promise<IteratorResult<T>>> = [];
  const pull = () => {
    const p = Promise.resolve(it.next());
    p.catch(() => {}); // rethrown when awaited in order; never an unhandled rejection meanwhile
    queue.push(p);
  };
  let finished = false;
  try {
    for (let i = 0; i < Math.max(1, n); i++) pull();
    while (queue.length) {
      const r = await queue.shift()!;
      if (r.done) { finished = true; break; }
      pull();
      yield r.value;
    }
    finished = true;
  } finally {
    if (!finished) {
      // Consumer stopped early: let pending pulls settle, then close the source (ends ffmpeg).
      await Promise.allSettled(queue);
      await it.return?.();
    }
  }
}
