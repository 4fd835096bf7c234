atai-ft jobs cancel ftj-my-finetune-run-3de60a5c --yes
