/** Worker thread of `startTopicMap`: lays out the sampled rows it is given and posts their positions back. */
import { parentPort, workerData } from 'node:worker_threads';
import type { Csr } from '../features/csr.ts';
import { layoutRows, type MapLayoutOptions } from './topic-map.ts';

const { rows, options } = workerData as { rows: Csr; options: MapLayoutOptions };
const positions = layoutRows(rows, options);
parentPort!.postMessage(positions, [positions.buffer as ArrayBuffer]);
