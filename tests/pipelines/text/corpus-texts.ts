/** The first `limit` analysed texts (`title. abstract`) of a real corpus, as the pipeline builds them. */
import { ingestOptions, readInput } from '../../../pipelines/ingest/read-input.ts';

export async function readCorpusTexts(file: string, limit: number): Promise<string[]> {
  const texts: string[] = [];
  const options = ingestOptions({
    maxDate: '2100-01-01',
    report: (error) => {
      throw error;
    },
  });
  for await (const doc of readInput(file, options)) {
    texts.push(`${doc.title}. ${doc.abstract}`);
    if (texts.length === limit) break;
  }
  return texts;
}
