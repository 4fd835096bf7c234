curl -sS --fail-with-body -X POST "${ATAI_BASE_URL:-https://api.u1.archetypeai.app/v0.5}/fine-tune/jobs" \
  -H "Authorization: Bearer $ATAI_API_KEY" \
  -H "Content-Type: application/json" \
  -d '{"name": "my-finetune-run", "id": "ftj-my-finetune-run-3de60a5c",
       "config": {"model": "Newton::c2_4_7b_251215a172f6d7",
                  "datasets": [{"name": "training-set", "split": "train", "file_ids": ["file-abc123"]}]}}'
