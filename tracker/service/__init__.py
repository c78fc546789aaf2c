"""``tracker run``: slots and holidays, the scheduler daemon, alerts, file watching, logging."""
