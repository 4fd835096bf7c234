curl -sS --fail-with-body -X PUT "${ATAI_BASE_URL:-https://api.u1.archetypeai.app/v0.5}/fine-tune/jobs/ftj-my-finetune-run-3de60a5c/cancel" \
  -H "Authorization: Bearer $ATAI_API_KEY"
