import { ConflictError, createClient } from 'atai-finetune';

const client = createClient();
try {
  // Immediate: nothing is finalized. Use stop to keep the latest checkpoint.
  const job = await client.jobs.cancel('ftj-my-finetune-run-3de60a5c');
  console.log(job.id, job.status);
} catch (error) {
  if (error instanceof ConflictError) console.log('the job has already ended');
  else throw error;
}
