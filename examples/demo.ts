// `make demo`: the client end to end, offline. It starts the Prism mock from the spec, creates a job, stops it,
// cancels it, shows the typed error for a job that has already ended, and stops the mock again.
import { ConflictError, createClient, type Job } from '../src/index.js';
import { startPrism } from '../test-support/prism.js';

function show(title: string, job: Job): void {
  console.log(`\n== ${title}: ${job.id} is ${job.status}`);
  console.log(JSON.stringify(job, null, 2));
}

const prism = await startPrism();
try {
  console.log(`Prism mock of openapi/fine-tune.yaml listening on ${prism.url} (no API key or network needed)`);
  // Prism checks that a bearer key is sent, not which one.
  const client = createClient({ baseUrl: prism.url, apiKey: 'demo-key-for-the-local-mock' });

  const created = await client.jobs.create({
    name: 'my-finetune-run',
    id: 'ftj-my-finetune-run-3de60a5c',
    config: {
      model: 'Newton::c2_4_7b_251215a172f6d7',
      datasets: [{ name: 'training-set', split: 'train', file_ids: ['file-abc123'] }],
    },
  });
  show('create', created);

  show('stop (graceful: the latest checkpoint is kept)', await client.jobs.stop(created.id));
  show('cancel (immediate: nothing is finalized)', await client.jobs.cancel(created.id));

  // Prism keeps no state, so ask it for the answer a real server gives to cancelling a job that has ended.
  try {
    await client.jobs.cancel(created.id, { headers: { Prefer: 'code=409' } });
    console.error('\nexpected a 409 for a job that has already ended, got a job record');
    process.exitCode = 1;
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    console.log('\n== cancel again: the job has already ended, so the API answers 409 and the client throws');
    console.log(`${error.name}: ${error.message}`);
    console.log(`status=${error.status} code=${error.code} error_uid=${error.errorUid}`);
  }
} finally {
  await prism.stop();
}
