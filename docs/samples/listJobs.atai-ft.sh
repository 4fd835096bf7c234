atai-ft jobs list --status RUNNING --status STARTING --limit 20
