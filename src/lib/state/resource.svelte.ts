/** The result of an async query; latest wins: a stale answer never overwrites a newer one. */
export class Resource<T> {
  value = $state.raw<T | undefined>(undefined);
  error = $state.raw<Error | undefined>(undefined);
  loading = $state(false);
  #seq = 0;

  /** Starts `load`; returns a cleanup that discards its answer (for `$effect`). */
  run(load: () => Promise<T>): () => void {
    const seq = ++this.#seq;
    this.loading = true;
    this.#start(seq, load);
    return () => {
      if (seq === this.#seq) this.#seq++;
    };
  }

  /**
   * As `run`, but starts `load` once the next frame has been painted, unless a newer request came first (a burst of
   * filter changes runs one query). For views beside the chart: their DuckDB query then neither delays the chart's
   * frame nor competes with it for the CPU.
   */
  runAfterPaint(load: () => Promise<T>): () => void {
    const seq = ++this.#seq;
    this.loading = true;
    const cancel = afterPaint(() => {
      if (seq === this.#seq) this.#start(seq, load);
    });
    return () => {
      cancel();
      if (seq === this.#seq) this.#seq++;
    };
  }

  #start(seq: number, load: () => Promise<T>): void {
    load().then(
      (value) => {
        if (seq !== this.#seq) return;
        this.value = value;
        this.error = undefined;
        this.loading = false;
      },
      (error: unknown) => {
        if (seq !== this.#seq) return;
        this.error = error instanceof Error ? error : new Error(String(error));
        this.loading = false;
      },
    );
  }
}

/** Calls `task` in the task after the next frame is produced; returns a function that cancels it. */
export function afterPaint(task: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => (timer = setTimeout(task)));
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}
