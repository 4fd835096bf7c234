import { ConflictError, createClient } from 'atai-finetune';

// The key and base URL come from ATAI_API_KEY and ATAI_BASE_URL.
const client = createClient();
try {
  // Your own id makes the call safe to re-run: a second create with it is a 409, never a second job.
  // file-abc123 stands for the id of a file you uploaded through the Files API.
  const job = await client.jobs.create({
    name: 'my-finetune-run',
    id: 'ftj-my-finetune-run-3de60a5c',
    config: {
      model: 'Newton::c2_4_7b_251215a172f6d7',
      datasets: [{ name: 'training-set', split: 'train', file_ids: ['file-abc123'] }],
    },
  });
  console.log(job.id, job.status);
} catch (error) {
  if (error instanceof ConflictError) console.log('a job with this id exists already');
  else throw error;
}
