atai-ft jobs metrics ftj-my-finetune-run-3de60a5c
