curl -sS --fail-with-body "${ATAI_BASE_URL:-https://api.u1.archetypeai.app/v0.5}/fine-tune/jobs/ftj-my-finetune-run-3de60a5c" \
  -H "Authorization: Bearer $ATAI_API_KEY"
