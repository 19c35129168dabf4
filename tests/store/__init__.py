"""Tests of recoupe.store (a package, so that its test modules may share basenames with others)."""
