/**
 * The `assign-stream` subcommand's command line (`node build/pipeline/cli.js assign-stream --model DIR`): records
 * on stdin, placements on stdout (`assign-stream.ts`). Used by the Spark job on its executors; the bundle
 * `build/spark/assign-stream.js` runs the same function without node_modules.
 */
import { parseArgs } from 'node:util';
import { CliError } from '../errors.ts';
import { loadModel } from '../model/model-files.ts';
import { parseDate } from '../ingest/dates.ts';
import { assignStream } from './assign-stream.ts';

const SPECS = {
  model: { type: 'string', short: 'm' },
  'max-date': { type: 'string' },
  'max-chars': { type: 'string' },
  'batch-size': { type: 'string', default: '1000' },
  help: { type: 'boolean', short: 'h' },
} as const;

const HELP = `Usage: node build/pipeline/cli.js assign-stream --model DIR --max-date YYYY-MM-DD --max-chars N

Reads file<TAB>line<TAB>JSON-record lines on stdin and writes one JSON line per record with its cluster, similarity
and known terms (or the reason it is skipped), using the model in DIR/model/ (an output directory of a full run).
`;

export async function assignStreamCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: SPECS, strict: true });
  if (values.help === true) {
    process.stdout.write(HELP);
    return 0;
  }
  if (values.model === undefined) throw new CliError('assign-stream: --model DIR is required');
  const maxDate = calendarDay(values['max-date'] ?? new Date().toISOString().slice(0, 10));
  const maxChars = positiveInteger(values['max-chars'] ?? '', 'max-chars');
  const batchSize = positiveInteger(values['batch-size'], 'batch-size');
  const model = await loadModel(values.model);
  await assignStream(model, process.stdin, process.stdout, { maxDate, maxChars, batchSize });
  return 0;
}

// Not options.ts's calendarDay: that module pulls in k-means and DuckDB, which the executor bundle leaves out.
function calendarDay(text: string): string {
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(text) ? parseDate(text, '9999-12-31') : null;
  if (parsed === null || 'error' in parsed)
    throw new CliError(`invalid --max-date: ${JSON.stringify(text)} (YYYY-MM-DD)`);
  return parsed.date;
}

function positiveInteger(text: string, name: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new CliError(`invalid --${name}: ${JSON.stringify(text)} (an integer >= 1)`);
  return value;
}
