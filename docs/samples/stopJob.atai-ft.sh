atai-ft jobs stop ftj-my-finetune-run-3de60a5c
