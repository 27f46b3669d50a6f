/** Errors a user can fix (bad input, bad options, unwritable output): one class, one exit code, no stack trace. */

export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exitCode = 1,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** A problem with one input record (or a whole file when `line` is null), located as `file:line`. */
export class InputError extends CliError {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(`${line === null ? file : `${file}:${line}`}: ${reason}`, 2, options);
  }
}

/**
 * Called by readers for every bad record or file. Under `--on-error fail` it throws (stopping the run);
 * under `skip` it records the problem and returns, and the reader moves on to the next record.
 */
export type ReportInputError = (error: InputError) => void;
