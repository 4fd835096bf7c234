import { createClient } from 'atai-finetune';

const client = createClient();
const jobs = await client.jobs.list({ statuses: ['RUNNING', 'STARTING'], limit: 20 });
for (const job of jobs) console.log(job.id, job.status);
