"""Resumes: text extraction from uploads and the offline profile parser."""
