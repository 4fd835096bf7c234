// What tests, benchmarks and the demo share. The response bodies of the vendor's Stop Job and Cancel Job reference
// pages, transcribed verbatim: the spec's `stopping` and `cancelled` examples must be exactly these, and Prism must serve them.
import type { Job } from '../src/types.js';

export const SEED_STOP_RESPONSE: Job = {
  name: 'my-finetune-run',
  id: 'ftj-my-finetune-run-3de60a5c',
  uuid: '8f2c1e5a-7b3d-4d9e-9c1a-2f5b7d8e4a6c',
  org_uuid: '0a1b2c3d-4e5f-6789-abcd-ef0123456789',
  status: 'STOPPING',
  config: {
    model: 'Newton::c2_4_7b_251215a172f6d7',
    datasets: [{ name: 'training-set', split: 'train', file_ids: ['file-abc123'] }],
  },
  created_at: '2026-04-27T14:32:18.421000Z',
  updated_at: '2026-04-27T14:51:33.701000Z',
  inference_config_path: null,
};

export const SEED_CANCEL_RESPONSE: Job = { ...SEED_STOP_RESPONSE, status: 'CANCELLED' };

/** The model every test job trains, as in the vendor's examples. */
export const MODEL = 'Newton::c2_4_7b_251215a172f6d7';

/** A create body for a job with this id (or none) and name: one training dataset of one file, as in the seeds. */
export function jobBody(id?: string, name = 'my-finetune-run') {
  return {
    name,
    ...(id === undefined ? {} : { id }),
    config: { model: MODEL, datasets: [{ name: 'training-set', split: 'train' as const, file_ids: ['file-abc123'] }] },
  };
}
