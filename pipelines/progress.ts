/**
 * Progress on stderr: a live bar with counts and rate on a terminal, plain lines otherwise (CI logs, pipes).
 * Data never goes to stderr and progress never goes to stdout.
 */
import { SingleBar, Presets } from 'cli-progress';

export interface Progress {
  /** Starts a phase; `total` is known for bounded phases (e.g. k-means iterations), null for streams. */
  phase(name: string, total?: number | null): void;
  update(done: number): void;
  warn(message: string): void;
  info(message: string): void;
  end(): void;
}

export function createProgress(options: { quiet: boolean; stream?: NodeJS.WriteStream }): Progress {
  const stream = options.stream ?? process.stderr;
  if (options.quiet) return silentProgress;
  return stream.isTTY ? new BarProgress(stream) : new LineProgress(stream);
}

const silentProgress: Progress = { phase() {}, update() {}, warn() {}, info() {}, end() {} };

class BarProgress implements Progress {
  private bar: SingleBar | null = null;
  private startedMs = 0;
  constructor(private readonly stream: NodeJS.WriteStream) {}

  phase(name: string, total: number | null = null): void {
    this.end();
    this.startedMs = performance.now();
    const format =
      total === null
        ? `${name.padEnd(12)} {value} records | {rate}/s`
        : `${name.padEnd(12)} [{bar}] {value}/{total} | {rate}/s`;
    this.bar = new SingleBar(
      { format, stream: this.stream, hideCursor: true, clearOnComplete: false },
      Presets.shades_classic,
    );
    this.bar.start(total ?? 0, 0, { rate: '0' });
  }

  update(done: number): void {
    const seconds = (performance.now() - this.startedMs) / 1000;
    this.bar?.update(done, { rate: seconds > 0 ? Math.round(done / seconds).toLocaleString('en-US') : '0' });
  }

  warn(message: string): void {
    this.stream.write(`\nwarning: ${message}\n`);
  }

  info(message: string): void {
    this.stream.write(`${message}\n`);
  }

  end(): void {
    this.bar?.stop();
    this.bar = null;
  }
}

class LineProgress implements Progress {
  private name = '';
  private startedMs = 0;
  private lastReportMs = 0;
  private done = 0;
  constructor(private readonly stream: NodeJS.WriteStream) {}

  phase(name: string): void {
    this.end();
    this.name = name;
    this.done = 0;
    this.startedMs = this.lastReportMs = performance.now();
  }

  update(done: number): void {
    this.done = done;
    const now = performance.now();
    if (now - this.lastReportMs < 5000) return;
    this.lastReportMs = now;
    this.stream.write(`${this.name}: ${done.toLocaleString('en-US')} (${this.rate(now)}/s)\n`);
  }

  warn(message: string): void {
    this.stream.write(`warning: ${message}\n`);
  }

  info(message: string): void {
    this.stream.write(`${message}\n`);
  }

  end(): void {
    if (this.name === '') return;
    const now = performance.now();
    const seconds = ((now - this.startedMs) / 1000).toFixed(1);
    const count = this.done > 0 ? `, ${this.done.toLocaleString('en-US')}` : '';
    this.stream.write(`${this.name}: done${count} in ${seconds} s\n`);
    this.name = '';
  }

  private rate(now: number): string {
    const seconds = (now - this.startedMs) / 1000;
    return seconds > 0 ? Math.round(this.done / seconds).toLocaleString('en-US') : '0';
  }
}
