import { parentPort, workerData } from 'node:worker_threads';
import { type RosterInstance, solveRoster } from '@sirem/core';

/** Runs in a worker thread so a large roster never blocks the server's event loop. */
const { instance, seed } = workerData as { instance: RosterInstance; seed: number };
const result = solveRoster(instance, { seed, onProgress: (fraction) => parentPort?.postMessage({ progress: fraction }) });
parentPort?.postMessage({ result });
