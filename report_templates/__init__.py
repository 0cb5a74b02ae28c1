"""Built-in report templates (a workspace's report_templates/ overrides them file by file)."""
