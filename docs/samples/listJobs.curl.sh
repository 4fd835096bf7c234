curl -sS "$ATAI_BASE_URL/fine-tune/jobs?statuses=RUNNING&statuses=STARTING&limit=20" \
  -H "Authorization: Bearer $ATAI_API_KEY"
