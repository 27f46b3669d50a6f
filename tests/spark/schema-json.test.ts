/** build/spark/schema.json, the contract the Spark job reads, is generated from src/schema.ts and equals it. */
import { describe, expect, it } from 'vitest';
import { GRANULARITIES, SCHEMA_VERSION, TABLES } from '../../src/schema.ts';
import { MIN_PERIOD_PAPERS, Z_CRITICAL } from '../../src/shared/growth.ts';
import { contractJson } from '../../pipelines/spark/build-spark.js';

interface Contract {
  schemaVersion: number;
  granularities: string[];
  tables: unknown;
  constants: Record<string, unknown>;
}

describe('contractJson()', () => {
  it("holds schema.ts's TABLES, SCHEMA_VERSION and granularities unchanged, and growth.ts's constants", async () => {
    const contract = (await contractJson()) as Contract;
    expect(contract.tables).toEqual(JSON.parse(JSON.stringify(TABLES)));
    expect(contract.schemaVersion).toBe(SCHEMA_VERSION);
    expect(contract.granularities).toEqual([...GRANULARITIES]);
    expect(contract.constants).toMatchObject({ minPeriodPapers: MIN_PERIOD_PAPERS, zCritical: Z_CRITICAL });
  });
});
