/**
 * Options of `npm run pipeline -- assign`, declared once like the main table (`options.ts`): `--help` is printed
 * from it and `resolveAssignOptions` checks it into one complete value. Reading options the full run was given
 * (CSV columns, label separator, dedupe, ...) come from the output's manifest, so new data is read the same way.
 */
import { CliError } from '../errors.ts';
import { ON_ERROR_MODES, type OnError } from '../../src/schema.ts';
import { calendarDay, FORMAT_CHOICES, keyword, type InputFormatOption } from '../options.ts';

export interface AssignOptions {
  model: string;
  inputs: string[];
  format: InputFormatOption;
  onError: OnError;
  maxDate: string;
  refitRatio: number;
  quiet: boolean;
  debug: boolean;
}

export const ASSIGN_OPTION_SPECS = {
  model: {
    type: 'string',
    short: 'm',
    valueName: 'DIR',
    description: 'Output directory of a full run (with its model/); rewritten atomically with the new documents',
  },
  input: { type: 'string', short: 'i', multiple: true, valueName: 'FILE', description: 'New records (repeatable)' },
  format: { type: 'string', default: 'auto', description: FORMAT_CHOICES.join(' | ') },
  'on-error': { type: 'string', default: 'skip', description: 'skip: report bad records and go on; fail: stop' },
  'max-date': {
    type: 'string',
    valueName: 'YYYY-MM-DD',
    description: 'Dates after this are errors (default: today, UTC)',
  },
  'refit-ratio': {
    type: 'string',
    default: '0.8',
    description: "Advise a full re-run when the new documents' mean similarity is below this × the training mean",
  },
  quiet: { type: 'boolean', short: 'q', description: 'No progress output' },
  debug: { type: 'boolean', description: 'Show stack traces' },
  help: { type: 'boolean', short: 'h', description: 'Show this help' },
} as const;

export type AssignParsedValues = {
  [K in keyof typeof ASSIGN_OPTION_SPECS]?: (typeof ASSIGN_OPTION_SPECS)[K] extends { multiple: true }
    ? string[]
    : string | boolean;
};

export function assignHelpText(): string {
  const lines = [
    'Usage: npm run pipeline -- assign --model DIR --input NEW... [options]',
    '',
    'Assigns new records to the clusters of an existing output (same vocabulary, idf and centroids) and updates',
    'its documents, trends, term trends, label trends and cluster counts without re-clustering.',
    '',
    'Options:',
  ];
  for (const [name, spec] of Object.entries(ASSIGN_OPTION_SPECS)) {
    const short = 'short' in spec ? `-${spec.short}, ` : '    ';
    const value = spec.type === 'string' ? ` ${'valueName' in spec ? spec.valueName : 'VALUE'}` : '';
    const fallback = 'default' in spec ? ` (default: ${spec.default})` : '';
    lines.push(`  ${`${short}--${name}${value}`.padEnd(32)} ${spec.description}${fallback}`);
  }
  return lines.join('\n');
}

export function resolveAssignOptions(
  values: AssignParsedValues,
  positionals: readonly string[],
  today: string,
): AssignOptions {
  const inputs = [...(values.input ?? []), ...positionals];
  if (typeof values.model !== 'string')
    throw new CliError('assign: no --model DIR (an output directory of a full run)');
  if (inputs.length === 0) throw new CliError('assign: no input: give at least one --input FILE (see assign --help)');
  const text = (name: 'format' | 'on-error' | 'refit-ratio'): string => {
    const value = values[name];
    return typeof value === 'string' ? value : ASSIGN_OPTION_SPECS[name].default;
  };
  const maxDate = calendarDay(typeof values['max-date'] === 'string' ? values['max-date'] : today, 'max-date');
  const refitRatio = Number(text('refit-ratio'));
  if (text('refit-ratio').trim() === '' || !Number.isFinite(refitRatio) || refitRatio < 0 || refitRatio > 1) {
    throw new CliError(`invalid --refit-ratio: ${JSON.stringify(text('refit-ratio'))}; expected a number from 0 to 1`);
  }
  return {
    model: values.model,
    inputs,
    format: keyword(text('format'), 'format', FORMAT_CHOICES),
    onError: keyword(text('on-error'), 'on-error', ON_ERROR_MODES),
    maxDate,
    refitRatio,
    quiet: values.quiet === true,
    debug: values.debug === true,
  };
}
