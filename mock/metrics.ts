// The training curve the mock reports: made up, but shaped like a real run (loss falling, evaluation every other
// point, a decaying learning rate), and a pure function of running time so that a test can predict every point.
import type { JobMetrics, MetricPoint } from '../src/types.js';

/**
 * Every metric point logged after `runningMs` of training, one per 100 steps, and the latest checkpoint (written
 * every 200 steps; null before the first). Never throws.
 * @param msPer100Steps How much running time 100 steps take.
 */
export function trainingMetrics(runningMs: number, msPer100Steps: number): JobMetrics {
  const steps = Math.floor(runningMs / msPer100Steps);
  const metrics: MetricPoint[] = [];
  for (let i = 1; i <= steps; i++) {
    metrics.push({
      step: i * 100,
      loss: Number((2 / (1 + i * 0.3)).toFixed(4)),
      eval_loss: i % 2 === 0 ? Number((2.1 / (1 + i * 0.28)).toFixed(4)) : null,
      learning_rate: Number((0.0002 * 0.98 ** i).toPrecision(4)),
      wall_time_sec: Number(((i * msPer100Steps) / 1000).toFixed(1)),
    });
  }
  const lastStep = steps * 100;
  return { last_checkpoint_step: lastStep >= 200 ? Math.floor(lastStep / 200) * 200 : null, metrics };
}
