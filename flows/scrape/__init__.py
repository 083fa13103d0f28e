"""Scraping runs: fetching URL lists politely into the raw zone, and the scrape flows."""
