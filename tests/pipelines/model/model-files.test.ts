import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../../pipelines/errors.ts';
import { loadModel, saveModel, type SavedModel } from '../../../pipelines/model/model-files.ts';

const MODEL: SavedModel = {
  runId: '0123456789abcdef',
  k: 2,
  stems: ['graph', 'languag model'],
  surfaceForms: ['graph', 'language models'],
  idf: Float64Array.from([1.5, 2.25]),
  // Clustered on unigrams: zero on the bigram column.
  centroids: Float64Array.from([1, 0, 1, 0]),
  analyzer: { bigrams: true },
  tfidf: { smoothIdf: true, sublinearTf: true, norm: 'l2' },
  clusterTerms: 'unigrams',
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
    expect(loaded).toEqual({ ...MODEL, centroids: Float64Array.from([1, 0, 1, 0]) });
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

  it.each(['formatVersion', 'runId', 'k', 'nTerms', 'analyzer', 'tfidf', 'clusterTerms', 'trainingMeanSimilarity'])(
    'rejects a model.json without "%s", naming the file and the field',
    async (field) => {
      const dir = mkdtempSync(join(tmpdir(), 'model-'));
      await saveModel(MODEL, dir);
      const file = join(dir, 'model', 'model.json');
      const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      delete json[field];
      writeFileSync(file, JSON.stringify(json));
      const error: unknown = await loadModel(dir).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CliError);
      expect((error as CliError).message).toMatch(
        field === 'formatVersion'
          ? /model\.json: not a model this version can read \(formatVersion nothing/
          : new RegExp(`model\\.json: field "${field}" must be .*, got nothing \\(the field is missing\\); rebuild it`),
      );
    },
  );

  it.each([
    [
      'tfidf.norm "l1"',
      (json: Record<string, unknown>) => (json['tfidf'] = { ...MODEL.tfidf, norm: 'l1' }),
      /"norm" must be "l2", got "l1"/,
    ],
    ['k 2.5', (json: Record<string, unknown>) => (json['k'] = 2.5), /"k" must be an integer >= 1, got 2.5/],
    [
      'a similarity of 3',
      (json: Record<string, unknown>) => (json['trainingMeanSimilarity'] = 3),
      /cosine in \[-1, 1\], got 3/,
    ],
    [
      'clusterTerms "bigrams"',
      (json: Record<string, unknown>) => (json['clusterTerms'] = 'bigrams'),
      /"clusterTerms" must be unigrams or all, got "bigrams"/,
    ],
    [
      'an array',
      (json: Record<string, unknown>) => Object.assign(json, { formatVersion: [] }),
      /formatVersion \[\]|formatVersion an array/,
    ],
  ])('rejects a model.json with %s', async (_, edit, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'model-'));
    await saveModel(MODEL, dir);
    const file = join(dir, 'model', 'model.json');
    const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    edit(json);
    writeFileSync(file, JSON.stringify(json));
    await expect(loadModel(dir)).rejects.toThrow(message);
  });

  it("reads a format 2 model.json (written before clusterTerms) as clusterTerms 'all'", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'model-'));
    await saveModel(MODEL, dir);
    const file = join(dir, 'model', 'model.json');
    const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    delete json['clusterTerms'];
    writeFileSync(file, JSON.stringify({ ...json, formatVersion: 2 }));
    expect((await loadModel(dir)).clusterTerms).toBe('all');
  });

  it('rejects vocabulary.json whose surfaceForms count differs from nTerms', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'model-'));
    await saveModel(MODEL, dir);
    writeFileSync(join(dir, 'model', 'vocabulary.json'), JSON.stringify({ stems: ['a', 'b'], surfaceForms: ['a'] }));
    await expect(loadModel(dir)).rejects.toThrow(/vocabulary\.json: 1 surfaceForms, model\.json says nTerms 2/);
  });

  it('rejects an infinite or zero idf (smooth idf is at least 1)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'model-'));
    await saveModel({ ...MODEL, idf: Float64Array.from([1.5, 0]) }, dir);
    await expect(loadModel(dir)).rejects.toThrow(/idf\.f32: value 1 is 0, expected a finite positive number/);
    await saveModel({ ...MODEL, idf: Float64Array.from([Infinity, 1]) }, dir);
    await expect(loadModel(dir)).rejects.toThrow(/idf\.f32: value 0 is Infinity/);
  });
});
