atai-ft jobs get ftj-my-finetune-run-3de60a5c
