import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../../pipelines/errors.ts';
import { loadModel, saveModel, type SavedModel } from '../../../pipelines/model/model-files.ts';

const MODEL: SavedModel = {
  runId: '0123456789abcdef',
  k: 2,
  stems: ['languag model', 'graph'],
  surfaceForms: ['language models', 'graph'],
  idf: Float64Array.from([1.5, 2.25]),
  centroids: Float64Array.from([0.6, 0.8, 1, 0]),
  analyzer: { bigrams: true },
  tfidf: { smoothIdf: true, sublinearTf: true, norm: 'l2' },
  trainingMeanSimilarity: 0.25,
};

describe('saveModel(model, outDir) / loadModel(outDir)', () => {
  it('round-trips through model/ (values exact in float32) and lists the files it wrote', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'model-'));
    expect(await saveModel(MODEL, dir)).toEqual([
      'model/model.json',
      'model/vocabulary.json',
      'model/idf.f32',
      'model/centroids.f32',
    ]);
    expect(readdirSync(join(dir, 'model')).sort()).toEqual([
      'centroids.f32',
      'idf.f32',
      'model.json',
      'vocabulary.json',
    ]);
    const loaded = await loadModel(dir);
    expect(loaded).toEqual({ ...MODEL, centroids: Float64Array.from([0.6, 0.8, 1, 0].map(Math.fround)) });
  });

  it('rejects truncated centroids with the file, its size and the expected size', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'model-'));
    await saveModel(MODEL, dir);
    writeFileSync(join(dir, 'model', 'centroids.f32'), Buffer.alloc(12));
    await expect(loadModel(dir)).rejects.toThrow(/centroids\.f32: 12 bytes, expected 16 \(4 float32 values\)/);
  });

  it('says how to rebuild when there is no model', async () => {
    const error: unknown = await loadModel(mkdtempSync(join(tmpdir(), 'model-'))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).message).toMatch(/model\.json: no such file/);
  });
});
