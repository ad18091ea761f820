"""Readers for the formats beside plain text and PDF: Word (DOCX), web pages (HTML), scans (OCR)."""
