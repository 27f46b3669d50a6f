/** Types of build-spark.js, which stays plain JavaScript (run by node with no build step, like scripts/build-pipeline.js). */

export const SPARK_BUILD_DIR: string;

/** The contract as the job reads it (build/spark/schema.json): TABLES, SCHEMA_VERSION, granularities and constants. */
export function contractJson(): Promise<unknown>;

/** Writes build/spark/assign-stream.js and build/spark/schema.json. */
export function buildSpark(): Promise<void>;
