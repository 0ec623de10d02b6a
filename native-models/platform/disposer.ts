/**
 * Releases what was acquired, in reverse order, exactly once, even when one release fails (the others still
 * run; the first failure is rethrown). Node 20 has no AsyncDisposableStack: this is the small part of it the
 * engine needs.
 */
export class Disposer implements AsyncDisposable {
  private readonly steps: Array<() => unknown> = [];
  private done: Promise<void> | null = null;

  get disposed(): boolean {
    return this.done !== null;
  }

  /** Runs `release` on dispose (last deferred, first released). */
  defer(release: () => unknown): void {
    if (this.done) throw new Error('Disposer already disposed');
    this.steps.push(release);
  }

  /** Takes over another disposer's steps (they then run with this one's). */
  adopt(other: Disposer): void {
    this.defer(() => other.dispose());
  }

  dispose(): Promise<void> {
    this.done ??= (async () => {
      let first: unknown = null;
      for (const step of this.steps.reverse()) {
        try { await step(); } catch (e) { first ??= e; }
      }
      this.steps.length = 0;
      if (first) throw first;
    })();
    return this.done;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.dispose();
  }
}
