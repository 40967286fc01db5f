"""Async client for Flexport's Outbounds API (B2B / wholesale outbound orders), version 2026-02."""
