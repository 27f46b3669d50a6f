/**
 * The pipeline's command line: the only module that reads argv, prints, and exits.
 * Progress and the summary go to stderr; the output is the files in --out.
 */
import { parseArgs } from 'node:util';
import { CliError } from './errors.ts';
import { assignCommand } from './assign/assign-command.ts';
import { assignStreamCommand } from './assign/assign-stream-command.ts';
import { OPTION_SPECS, helpText, resolveOptions } from './options.ts';
import { createProgress } from './progress.ts';
import { runPipeline } from './run.ts';
import { describeFsError, knownFsErrorCode } from './write/fs-errors.ts';
import { guardOutputDir } from './write/output-guard.ts';
import { manifestNotes } from './write/manifest.ts';

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'assign') return assignCommand(argv.slice(1));
  if (argv[0] === 'assign-stream') return assignStreamCommand(argv.slice(1));
  const { values, positionals } = parseArgs({
    args: argv,
    options: OPTION_SPECS,
    allowPositionals: true,
    strict: true,
  });
  if (values.help === true) {
    process.stdout.write(`${helpText()}\n`);
    return 0;
  }
  const options = resolveOptions(values, positionals, new Date().toISOString().slice(0, 10));
  await guardOutputDir({ dir: options.out, inputs: options.inputs, option: '--out' });
  const progress = createProgress({ quiet: options.quiet });
  const startedMs = performance.now();
  const manifest = await runPipeline(options, progress);
  const seconds = ((performance.now() - startedMs) / 1000).toFixed(1);
  const { read, kept, skipped, duplicates, undated } = manifest.counts;
  process.stderr.write(
    [
      `wrote ${options.out} in ${seconds} s`,
      `  records: ${read} read, ${kept} kept, ${skipped} skipped, ${duplicates} duplicates, ${undated} undated (not in trends)`,
      `  ${manifest.k} topics over ${manifest.vocabularySize} terms${manifest.dateRange ? `, ${manifest.dateRange.first} .. ${manifest.dateRange.last}` : ''}`,
      ...manifestNotes(manifest),
      '',
    ].join('\n'),
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const debug = process.argv.includes('--debug');
    if (error instanceof CliError) {
      process.stderr.write(`error: ${error.message}\n`);
      if (debug) console.error(error);
      process.exit(error.exitCode);
    }
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`error: ${error.message}\nRun with --help to see the options.\n`);
      process.exit(2);
    }
    // Disk full, permissions, a mount point: the user's to fix, wherever it happened.
    if (knownFsErrorCode(error) !== null) {
      const path = (error as NodeJS.ErrnoException).path;
      process.stderr.write(`error: ${path === undefined ? '' : `${path}: `}${describeFsError(error)}\n`);
      if (debug) console.error(error);
      process.exit(1);
    }
    // Anything else is a bug: crash loudly with the stack.
    console.error(error);
    process.exit(70);
  },
);
