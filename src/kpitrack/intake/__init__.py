"""Intake: a partner's file checked and stored, and the templates partners fill in."""
