"""SpiffWorkflow wiring: parser, timers, serializer and script engine.

Only this subpackage (and engine/ generally) touches SpiffWorkflow objects.

SpiffWorkflow logs every task state change at INFO. While its `spiff.task` and
`spiff.workflow` loggers have no level of their own, it puts the task's data (a victim's
personal data) into each record's extras, and walks the whole task tree for the workflow's
records: both whether or not any handler ever prints them. Those two loggers are set to
WARNING here, so records never carry case data and a step builds none of it. An operator
who needs SpiffWorkflow's own trace can lower them again (they hold personal data then).
"""

import logging

for _name in ("spiff.task", "spiff.workflow"):
    logging.getLogger(_name).setLevel(logging.WARNING)
