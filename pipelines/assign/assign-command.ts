/** The `assign` subcommand's command line: parses its argv, runs the update, prints the summary and the advice. */
import { parseArgs } from 'node:util';
import { createProgress } from '../progress.ts';
import { guardOutputDir } from '../write/output-guard.ts';
import { ASSIGN_OPTION_SPECS, assignHelpText, resolveAssignOptions } from './assign-options.ts';
import { runAssign } from './run-assign.ts';

export async function assignCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: ASSIGN_OPTION_SPECS,
    allowPositionals: true,
    strict: true,
  });
  if (values.help === true) {
    process.stdout.write(`${assignHelpText()}\n`);
    return 0;
  }
  const options = resolveAssignOptions(values, positionals, new Date().toISOString().slice(0, 10));
  await guardOutputDir({ dir: options.model, inputs: options.inputs, option: '--model' });
  const startedMs = performance.now();
  const { update, manifest, trainingMeanSimilarity } = await runAssign(
    options,
    createProgress({ quiet: options.quiet }),
  );
  const seconds = ((performance.now() - startedMs) / 1000).toFixed(1);
  const { read, kept, skipped, duplicates, undated } = update.counts;
  const similarity = update.meanSimilarity === null ? 'n/a' : update.meanSimilarity.toFixed(3);
  process.stderr.write(
    [
      `updated ${options.model} in ${seconds} s`,
      `  new records: ${read} read, ${kept} assigned, ${skipped} skipped, ${duplicates} duplicates, ${undated} undated (not in trends)`,
      `  now ${manifest.counts.kept} documents in ${manifest.k} topics`,
      `  mean similarity of new documents ${similarity} vs ${trainingMeanSimilarity.toFixed(3)} in training (refit threshold ${update.refitThreshold.toFixed(3)})`,
      update.refitAdvised
        ? '  the new documents no longer fit the clusters well: a full re-run is advised (npm run pipeline -- --input ALL_FILES --out DIR)'
        : '  the new documents fit the existing clusters',
      '',
    ].join('\n'),
  );
  return 0;
}
