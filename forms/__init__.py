"""Web pages for caseworkers, policy staff and reviewers, on the same services as the API.

`forms/schemas/` holds the task forms (JSON Schema); `forms/web/` the page routes,
`forms/templates/` their Jinja2 templates, `forms/static/` one stylesheet and
`forms/i18n/` the one catalogue of interface and form text.
"""
