curl -sS --fail-with-body "${ATAI_BASE_URL:-https://api.u1.archetypeai.app/v0.5}/fine-tune/jobs?statuses=RUNNING&statuses=STARTING&limit=20" \
  -H "Authorization: Bearer $ATAI_API_KEY"
