"""The one vocabulary for readers: status labels/marks/colours; targets, rates, gaps, pace."""
