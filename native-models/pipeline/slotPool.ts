/**
 * A bounded pool of model-server slots. Each group of questions (one segment's evidence in one variant) holds
 * a slot while it runs, so its requests land on the slot whose prompt cache holds that evidence, and at most
 * `size` groups are in flight: memory and server load stay bounded.
 */
export class SlotPool {
  private readonly free: number[];
  private readonly waiters: Array<(slot: number) => void> = [];

  constructor(readonly size: number) {
    if (!(size >= 1)) throw new RangeError('slot pool size must be at least 1');
    this.free = Array.from({ length: size }, (_, i) => i);
  }

  acquire(): Promise<number> {
    const slot = this.free.shift();
    if (slot !== undefined) return Promise.resolve(slot);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  release(slot: number): void {
    const next = this.waiters.shift();
    if (next) next(slot);
    else this.free.push(slot);
  }
}
