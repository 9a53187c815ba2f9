"""Attunement: a static site generator for private, accessible attachment-style quizzes and psychoeducation."""

__version__ = "0.1.0"
