curl -sS -X PUT "$ATAI_BASE_URL/fine-tune/jobs/ftj-my-finetune-run-3de60a5c/cancel" \
  -H "Authorization: Bearer $ATAI_API_KEY"
