/**
 * Where start-up time goes: `mark(step)` records the time since the previous mark; `summary()` prints one line.
 * The first mark counts from the process's start (performance.now() is relative to it), so it includes Node's own
 * start and loading the server's modules.
 */
export class StartupTimeline {
  readonly steps: { step: string; ms: number }[] = [];
  #last = 0;

  mark(step: string): void {
    const now = performance.now();
    this.steps.push({ step, ms: now - this.#last });
    this.#last = now;
  }

  get totalMs(): number {
    return this.#last;
  }

  summary(): string {
    const parts = this.steps.map((s) => `${s.step} ${(s.ms / 1000).toFixed(2)} s`);
    return `Start-up ${(this.totalMs / 1000).toFixed(2)} s since the process started: ${parts.join(' · ')}`;
  }
}
