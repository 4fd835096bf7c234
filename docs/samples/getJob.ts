import { createClient } from 'atai-finetune';

const client = createClient();
const job = await client.jobs.get('ftj-my-finetune-run-3de60a5c');
console.log(job.id, job.status);
