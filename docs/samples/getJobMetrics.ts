import { createClient } from 'atai-finetune';

const client = createClient();
const { last_checkpoint_step, metrics } = await client.jobs.metrics('ftj-my-finetune-run-3de60a5c');
console.log('checkpoint', last_checkpoint_step);
for (const point of metrics) console.log(point.step, point.loss);
