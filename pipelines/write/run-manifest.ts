/** The manifest of a full run: its recorded parameters and id, and what it read, fitted and wrote. */
import {
  SCHEMA_VERSION,
  type AppliedOverrides,
  type LineageSummary,
  type Manifest,
  type RunParameters,
} from '../../src/schema.ts';
import { dateSpread } from '../../src/shared/date-outliers.ts';
import type { TopicFit } from '../cluster/fit-topics.ts';
import type { CorpusTopics } from '../cluster/fit-corpus-topics.ts';
import type { CorpusTally } from '../ingest/read-corpus.ts';
import type { PipelineOptions } from '../options.ts';
import { inputHashes, runIdOf, TOOL_VERSION } from './manifest.ts';
import { runParameters } from './run-parameters.ts';

export interface RunIdentity {
  parameters: RunParameters;
  runId: string;
}

/** The resolved parameters and the run id over the inputs as read (`runIdOf`). */
export async function runIdentity(
  options: PipelineOptions,
  inputs: CorpusTally['inputs'],
  topics: Pick<CorpusTopics, 'k' | 'algorithm'>,
  /** The run id of `--previous`: a run continuing another is another run. */
  previousRunId?: string,
  /** `inputHashes(options.inputs)`, when the run started it earlier. */
  hashes: Promise<readonly string[]> = inputHashes(options.inputs),
): Promise<RunIdentity> {
  const parameters = {
    ...runParameters(options, topics.k, topics.algorithm),
    ...(previousRunId !== undefined && { previousRunId }),
  };
  const sha256s = await hashes;
  const runId = runIdOf(
    options.inputs.map((_, i) => ({ sha256: sha256s[i]!, format: inputs[i]!.format })),
    parameters,
  );
  return { parameters, runId };
}

export function runManifest(run: {
  identity: RunIdentity;
  corpus: CorpusTally & { dates: readonly (string | null)[] };
  topics: Pick<TopicFit, 'k' | 'reduction'>;
  vocabularySize: number;
  defaultGranularity: Manifest['defaultGranularity'];
  tables: Manifest['tables'];
  model: NonNullable<Manifest['model']>;
  lineage?: LineageSummary | undefined;
  overrides?: AppliedOverrides | undefined;
}): Manifest {
  const { corpus } = run;
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'topic-trends', version: TOOL_VERSION },
    inputs: corpus.inputs,
    counts: corpus.counts,
    skippedRecords: corpus.skippedRecords,
    parameters: run.identity.parameters,
    runId: run.identity.runId,
    k: run.topics.k,
    kReduced: run.topics.reduction,
    vocabularySize: run.vocabularySize,
    ...dateSpread(corpus.dates),
    defaultGranularity: run.defaultGranularity,
    tables: run.tables,
    model: run.model,
    ...(run.lineage !== undefined && { lineage: run.lineage }),
    ...(run.overrides !== undefined && { overrides: run.overrides }),
  };
}
