/** The pipelines the benchmarks run, each as one child process under GNU time. */
import { join } from 'node:path';
import { ROOT, timed, type TimedRun } from './timed.ts';

export const PYTHON = '/usr/bin/python3';

/** `ours-default` runs with the pipeline's defaults (`--algorithm auto`: Lloyd up to 200k documents, sampled above). */
export type VariantName =
  'ours-default' | 'ours-minibatch' | 'ours-lloyd' | 'sklearn-kmeans' | 'sklearn-minibatch' | 'sklearn-classic';

/** The compiled CLI, as `npm run pipeline` runs it (scripts/build-pipeline.js; `ensureTools` builds it). */
export const CLI_JS = join(ROOT, 'build/pipeline/cli.js');

/** The labelled-corpus comparison; all three corpora are under 200k documents, where our default is Lloyd. */
export const VARIANTS: readonly VariantName[] = ['ours-minibatch', 'ours-lloyd', 'sklearn-kmeans', 'sklearn-minibatch'];

export interface CorpusRun {
  input: string;
  k: number;
  seed: number;
  dedupe: 'id+title' | 'id';
  /** Where this run writes its output (pipeline output directory, or sklearn's labels/timings). */
  out: string;
  /** sklearn only: skip labels, top terms and NPMI (scale runs). */
  noQuality?: boolean;
}

/** The exact command line of a variant, for running and for RESULTS.md. */
export function commandOf(variant: VariantName, run: CorpusRun): { command: string; args: string[] } {
  switch (variant) {
    case 'ours-default':
    case 'ours-minibatch':
    case 'ours-lloyd':
      return {
        command: process.execPath,
        args: [
          CLI_JS,
          '--input',
          run.input,
          '--out',
          run.out,
          '--k',
          String(run.k),
          '--seed',
          String(run.seed),
          '--dedupe',
          run.dedupe,
          ...(variant === 'ours-default' ? [] : ['--algorithm', variant === 'ours-lloyd' ? 'lloyd' : 'minibatch']),
          // Not --quiet: progress goes to a pipe as a few plain lines whose per-phase times the report uses.
        ],
      };
    case 'sklearn-classic':
      // The 15-line script most users run: unigrams, no vocabulary cap, KMeans(n_init=1), labels out.
      return sklearnCommand(run, ['--ngrams', '1', '--max-features', '0', '--labels-only']);
    case 'sklearn-kmeans':
    case 'sklearn-minibatch':
      return sklearnCommand(run, [
        '--algorithm',
        variant === 'sklearn-kmeans' ? 'kmeans' : 'minibatch',
        ...(run.noQuality ? ['--no-quality'] : []),
      ]);
  }
}

/** bench/sklearn_pipeline.py on the run's corpus, k, seed and dedupe rule, plus the variant's own flags. */
function sklearnCommand(run: CorpusRun, extra: readonly string[]): { command: string; args: string[] } {
  const common = ['--input', run.input, '--out', run.out, '--k', String(run.k), '--seed', String(run.seed)];
  return {
    command: PYTHON,
    args: [join(ROOT, 'bench/sklearn_pipeline.py'), ...common, '--dedupe', run.dedupe, ...extra],
  };
}

export function runVariant(variant: VariantName, run: CorpusRun): Promise<TimedRun> {
  const { command, args } = commandOf(variant, run);
  return timed(command, args);
}

/** A command line as a reader would type it from the repository root. */
export function shellLine(variant: VariantName, run: CorpusRun): string {
  const { command, args } = commandOf(variant, run);
  const shown = command === process.execPath ? 'node' : command;
  return `DOTENV_CONFIG_QUIET=true /usr/bin/time -f '%e %M %U %S' ${shown} ${args.map((a) => a.replace(`${ROOT}/`, '')).join(' ')}`;
}
