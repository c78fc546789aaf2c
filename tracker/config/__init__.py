"""Loading a project: goal files (quotes verified), tracker.yaml, channel settings, templates."""
