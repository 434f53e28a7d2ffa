"""The scenario suite, installed with the application: the step definitions of the Gherkin
scenarios in features/ (`steps`), what they act on (`world`) and the path recorder
(`recorder`). `tests/features` runs it in the test suite; the deploy gate runs it on a
candidate library."""
