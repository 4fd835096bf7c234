atai-ft jobs create --name my-finetune-run --id ftj-my-finetune-run-3de60a5c \
  --model Newton::c2_4_7b_251215a172f6d7 --train file-abc123
