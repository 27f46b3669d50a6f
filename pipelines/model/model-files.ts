/**
 * The saved model that `assign` needs to place new abstracts into an existing output without re-clustering, in
 * `<out>/model/`:
 *
 *   model.json       format version, run id, k, term count, analyzer and TF-IDF options, clustering space
 *                    (`clusterTerms`), training mean similarity
 *   vocabulary.json  {"stems": [...], "surfaceForms": [...]}: column j of the TF-IDF space is stems[j]
 *   idf.f32          nTerms float32, little-endian
 *   centroids.f32    k × nTerms float32, little-endian, row-major (unit-norm rows, zero outside the clustering
 *                    space: `cluster/cluster-space.ts`)
 *
 * JSON for what a person may want to read, raw little-endian float32 for the numbers (20 × 46k centroids are
 * 3.7 MB, 12 MB as JSON); float32 matches the precision of the TF-IDF weights. Byte-identical for identical runs.
 * Reading validates every field (`parse-model.ts`): a damaged model is an error naming its file.
 */
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { endianness } from 'node:os';
import { join } from 'node:path';
import type { ClusterTerms } from '../../src/schema.ts';
import { CliError } from '../errors.ts';
import {
  checkValues,
  MODEL_FORMAT_VERSION,
  parseModelJson,
  parseVocabulary,
  rebuildHint,
  type ModelJson,
} from './parse-model.ts';

export const MODEL_DIR = 'model';
export const MODEL_FILES = ['model.json', 'vocabulary.json', 'idf.f32', 'centroids.f32'] as const;

export interface SavedModel {
  /** The manifest's `runId`: binds the model to the output it was saved with. */
  runId: string;
  k: number;
  stems: readonly string[];
  surfaceForms: readonly string[];
  idf: Float64Array;
  /** k × nTerms, row-major. */
  centroids: Float64Array;
  analyzer: { bigrams: boolean };
  tfidf: { smoothIdf: boolean; sublinearTf: boolean; norm: 'l2' };
  /** The columns the centroids were fitted on; documents are compared with them in that space. */
  clusterTerms: ClusterTerms;
  /** Mean cosine of the training documents to their centroids: the yardstick for new data. */
  trainingMeanSimilarity: number;
}

/** Writes the model into `<outDir>/model/`; returns the relative paths written. */
export async function saveModel(model: SavedModel, outDir: string): Promise<string[]> {
  const dir = join(outDir, MODEL_DIR);
  await mkdir(dir, { recursive: true });
  const json: ModelJson = {
    formatVersion: MODEL_FORMAT_VERSION,
    runId: model.runId,
    k: model.k,
    nTerms: model.stems.length,
    analyzer: model.analyzer,
    tfidf: model.tfidf,
    clusterTerms: model.clusterTerms,
    trainingMeanSimilarity: model.trainingMeanSimilarity,
  };
  await writeFile(join(dir, 'model.json'), `${JSON.stringify(json, null, 2)}\n`);
  await writeFile(
    join(dir, 'vocabulary.json'),
    JSON.stringify({ stems: model.stems, surfaceForms: model.surfaceForms }),
  );
  await writeFile(join(dir, 'idf.f32'), float32LittleEndian(model.idf));
  await writeFile(join(dir, 'centroids.f32'), float32LittleEndian(model.centroids));
  return MODEL_FILES.map((file) => `${MODEL_DIR}/${file}`);
}

/** Copies the model files of one output into another unchanged (`assign` keeps the model it placed by). */
export async function copyModel(fromDir: string, toDir: string): Promise<void> {
  await mkdir(join(toDir, MODEL_DIR));
  for (const file of MODEL_FILES) await copyFile(join(fromDir, MODEL_DIR, file), join(toDir, MODEL_DIR, file));
}

export async function loadModel(outDir: string): Promise<SavedModel> {
  const dir = join(outDir, MODEL_DIR);
  const json = parseModelJson(await readJson(join(dir, 'model.json'), outDir), join(dir, 'model.json'), outDir);
  const vocabularyFile = join(dir, 'vocabulary.json');
  const vocabulary = parseVocabulary(await readJson(vocabularyFile, outDir), vocabularyFile, json.nTerms, outDir);
  const idfFile = join(dir, 'idf.f32');
  const centroidsFile = join(dir, 'centroids.f32');
  return {
    runId: json.runId,
    k: json.k,
    stems: vocabulary.stems,
    surfaceForms: vocabulary.surfaceForms,
    idf: checkValues(await readFloat32(idfFile, json.nTerms, outDir), idfFile, outDir, true),
    centroids: checkValues(
      await readFloat32(centroidsFile, json.k * json.nTerms, outDir),
      centroidsFile,
      outDir,
      false,
    ),
    analyzer: json.analyzer,
    tfidf: json.tfidf,
    clusterTerms: json.clusterTerms,
    trainingMeanSimilarity: json.trainingMeanSimilarity,
  };
}

// Typed arrays use the platform's byte order; every platform Node supports in practice is little-endian, but a
// model written on one machine may be read on another, so the byte order is checked rather than assumed.
const LITTLE_ENDIAN = endianness() === 'LE';

function float32LittleEndian(values: Float64Array): Buffer {
  if (!LITTLE_ENDIAN) throw new Error('model files are little-endian; big-endian platforms are not supported');
  const floats = Float32Array.from(values);
  return Buffer.from(floats.buffer, floats.byteOffset, floats.byteLength);
}

async function readFloat32(file: string, expected: number, outDir: string): Promise<Float64Array> {
  if (!LITTLE_ENDIAN) throw new Error('model files are little-endian; big-endian platforms are not supported');
  const buffer = await readModelFile(file);
  if (buffer.length !== 4 * expected) {
    throw new CliError(
      `${file}: ${buffer.length} bytes, expected ${4 * expected} (${expected} float32 values); ${rebuildHint(outDir)}`,
    );
  }
  const floats = new Float32Array(expected);
  new Uint8Array(floats.buffer).set(buffer);
  return Float64Array.from(floats);
}

async function readJson(file: string, outDir: string): Promise<unknown> {
  const text = (await readModelFile(file)).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CliError(`${file}: not valid JSON (${(error as Error).message}); ${rebuildHint(outDir)}`, 1, {
      cause: error,
    });
  }
}

async function readModelFile(file: string): Promise<Buffer> {
  return readFile(file).catch((error: NodeJS.ErrnoException) => {
    throw new CliError(
      error.code === 'ENOENT'
        ? `${file}: no such file; --model must be an output directory written by this version of the pipeline`
        : `${file}: cannot read (${error.code ?? error.message})`,
      2,
      { cause: error },
    );
  });
}
