"""Pure types and rules: goals, figures, periods, units, numbers, statuses, thresholds."""
