"""Gazetteers and mappings, each with its source named."""
