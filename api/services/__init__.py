"""Keyword-only service functions shared by the API routes and the web pages."""
