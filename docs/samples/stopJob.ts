import { ConflictError, createClient } from 'atai-finetune';

const client = createClient();
try {
  // Graceful: the evaluation in progress finishes and the latest checkpoint is kept.
  const job = await client.jobs.stop('ftj-my-finetune-run-3de60a5c');
  console.log(job.id, job.status);
} catch (error) {
  if (error instanceof ConflictError) console.log('the job has already ended');
  else throw error;
}
