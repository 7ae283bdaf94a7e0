"""Reading card files: YAML into plain data with positions (`yamlsafe`), then validated
cards with contributor messages that name file, line and field (`loader`)."""
