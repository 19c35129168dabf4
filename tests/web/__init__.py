"""Tests of recoupe.web (a package, so that its test modules may share basenames with others)."""
