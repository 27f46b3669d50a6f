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
    return () => {
      if (seq === this.#seq) this.#seq++;
    };
  }
}
