curl -sS "$ATAI_BASE_URL/fine-tune/jobs/ftj-my-finetune-run-3de60a5c" \
  -H "Authorization: Bearer $ATAI_API_KEY"
