import { createClient } from 'atai-finetune';

// The key and base URL come from ATAI_API_KEY and ATAI_BASE_URL.
const client = createClient();
// Your own id makes the call safe to retry: a second create with it is a 409, never a second job.
const job = await client.jobs.create({
  name: 'my-finetune-run',
  id: 'ftj-my-finetune-run-3de60a5c',
  config: {
    model: 'Newton::c2_4_7b_251215a172f6d7',
    datasets: [{ name: 'training-set', split: 'train', file_ids: ['file-abc123'] }],
  },
});
console.log(job.id, job.status);
