"""Verdicts -> what a digest says: view model, what changed, alerts, templates, PNG chart."""
