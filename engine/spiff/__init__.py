"""SpiffWorkflow wiring: parser, timers, serializer and script engine.

Only this subpackage (and engine/ generally) touches SpiffWorkflow objects.
"""
