curl -sS "$ATAI_BASE_URL/fine-tune/jobs/ftj-my-finetune-run-3de60a5c/metrics" \
  -H "Authorization: Bearer $ATAI_API_KEY"
