"""Tests of tracker.extract: article -> proposed goals."""
