"""The ledger-driven send loop: render a slot's parts, record them, send each once, retry."""
