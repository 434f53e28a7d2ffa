"""The diagram-code sandbox: known escapes are refused, limits hold, ordinary code works."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from types import FrameType
from typing import Any

import pytest

from engine.errors import ScriptCompileError, ScriptError, ScriptLimitError
from engine.sandbox import (
    RestrictedEnvironment,
    compile_expression,
    compile_script,
    evaluate_expression,
    execute_script,
)

HELPERS: dict[str, Callable[..., Any]] = {
    "days": lambda count: f"P{count}D",
    "hours": lambda count: f"PT{count}H",
}


def _data() -> dict[str, Any]:
    return {"age": 12, "consent": True, "name": "Ann", "items": [1, 2, 3], "ratio": 1 / 3,
            "person": {"age": 12, "sex": "female"}}  # fmt: skip


def _fails_fast(run: Callable[[], object], limit: float = 0.5) -> ScriptLimitError:
    # CPU time of this thread, not wall time: the test machine may be busy.
    started = time.thread_time()
    with pytest.raises(ScriptLimitError) as caught:
        run()
    assert time.thread_time() - started < limit
    return caught.value


# Known escapes


@pytest.mark.parametrize(
    ("source", "fragment"),
    [
        ("().__class__.__bases__[0].__subclasses__()", '"__class__" is an invalid attribute'),
        ("__import__('os')", '"__import__" is an invalid variable name'),
        ("eval('1')", "Eval calls are not allowed"),
        ("exec('x = 1')", "Exec calls are not allowed"),
        ("(x for x in []).gi_frame", '"gi_frame" is a restricted name'),
        ("f'{name.__class__}'", '"__class__" is an invalid attribute'),
        ("print", "print is not available"),
    ],
)
def test_refuse_escape_in_expression_at_compile_time(source: str, fragment: str) -> None:
    with pytest.raises(ScriptCompileError) as caught:
        compile_expression(source)
    assert fragment in caught.value.message
    assert caught.value.fields["line"] == 1
    assert caught.value.fields["source"] == source


@pytest.mark.parametrize(
    ("source", "fragment"),
    [
        ("import os", "imports are not allowed in diagram code (import os)"),
        ("from os import path", "imports are not allowed"),
        ("try:\n    x = 1\nexcept Exception:\n    pass", "try/except is not allowed"),
        ("class Escape:\n    pass", "class definitions are not allowed"),
        ("with items as x:\n    pass", "with statements are not allowed"),
        ("print(1)", "print is not available"),
    ],
)
def test_refuse_statement_in_script_at_compile_time(source: str, fragment: str) -> None:
    with pytest.raises(ScriptCompileError) as caught:
        compile_script(source)
    assert fragment in caught.value.message


@pytest.mark.parametrize(
    "source",
    ["open('/etc/passwd')", "getattr(items, '__class__')", "type(items)", "globals()", "vars()",
     "compile('1', 'x', 'eval')", "object", "setattr", "locals()", "iter(items)"],
)  # fmt: skip
def test_refuse_builtin_outside_whitelist(source: str) -> None:
    with pytest.raises(NameError):
        evaluate_expression(source, _data())


@pytest.mark.parametrize(
    "source", ["'{0.__class__}'.format(1)", "'{x}'.format_map({})", "str.format('{0}', 1)"]
)
def test_refuse_string_format_method(source: str) -> None:
    with pytest.raises(NotImplementedError, match="format"):
        evaluate_expression(source, {})


# Size limits


@pytest.mark.parametrize(
    "source",
    [
        "10**10**8",
        "'a' * 10**9",
        "10**9 * 'a'",
        "[0] * 10**9",
        "1 << 10**9",
        "sum(range(10**12))",
        "f'{1:>1000000000}'",
        "'%1000000000d' % 1",
        "'%*d' % (10**9, 1)",
        "'a'.ljust(10**9)",
        "','.join(['a' * 10**6] * 10)",
        "str.join('', ['a' * 10**6] * 10)",
        "('a' * 1000).replace('', 'b' * 1000)",
        "(1).to_bytes(10**9, 'big')",
        "int.from_bytes(b'x' * 10**6, 'big')",
        "round(1, -10**8)",
        "sum([[0] * 10**6] * 2, [])",
    ],
)
def test_refuse_huge_value_in_expression_quickly(source: str) -> None:
    _fails_fast(lambda: evaluate_expression(source, {}))


@pytest.mark.parametrize(
    "source",
    [
        "x = 'a'\nx *= 10**9",
        "n = 2\nn **= 10**8",
        "s = 'a' * 10**6\ns = s + s",
        "x = [0] * 10**6\nx.extend(x)",
        "x = [0] * 10**6\nx[len(x):] = x",
    ],
)
def test_refuse_huge_value_in_script_quickly(source: str) -> None:
    _fails_fast(lambda: execute_script(source, {}))


# CPU budget


@pytest.mark.parametrize(
    "source", ["while True:\n    pass", "while True: pass", "while 1:\n    continue"]
)
def test_stop_endless_loop_at_time_limit(source: str) -> None:
    started = time.thread_time()
    error = _fails_fast(lambda: execute_script(source, {}, time_limit=0.2), limit=0.4)
    assert time.thread_time() - started > 0.15
    assert "exceeded 0.2 s CPU budget" in error.message


def test_stop_list_growing_inside_c_loop() -> None:
    # map() feeding x.append over x itself would never return to Python code.
    _fails_fast(lambda: execute_script("x = [1]\nany(map(x.append, x))", {}, time_limit=0.2), 2.0)


def test_extend_list_from_iterator_over_itself_once() -> None:
    # Plain Python would grow x forever inside C; the guard takes the items first.
    data: dict[str, Any] = {}
    execute_script("x = [1, -2]\nx.extend(map(abs, x))", data)
    assert data == {"x": [1, -2, 1, 2]}


def test_stop_endless_loop_inside_helper() -> None:
    def spin() -> None:
        while True:
            pass

    _fails_fast(lambda: evaluate_expression("spin()", {}, {"spin": spin}, time_limit=0.2), 1.0)


def test_stop_endless_loop_in_worker_thread() -> None:
    with ThreadPoolExecutor(max_workers=1) as pool:
        future = pool.submit(execute_script, "while True:\n    pass", {}, None, 0.2)
        with pytest.raises(ScriptLimitError):
            future.result(timeout=5)


@pytest.fixture
def outer_tracer() -> Iterator[Callable[..., None]]:
    def tracer(frame: FrameType, event: str, arg: Any) -> None:
        return None

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        yield tracer
    finally:
        sys.settrace(previous)


def test_restore_previous_trace_function_after_run(outer_tracer: Callable[..., None]) -> None:
    assert evaluate_expression("age < 18", _data()) is True
    assert sys.gettrace() is outer_tracer
    with pytest.raises(ScriptLimitError):
        execute_script("while True:\n    pass", {}, time_limit=0.05)
    assert sys.gettrace() is outer_tracer


# Ordinary code


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("(2 + 3) * 4 - 10 / 4", 17.5),
        ("2 ** 10 + 7 % 3 + (1 << 4)", 1041),
        ("age >= 18 or age != 12", False),
        ("person['age'] + 1", 13),
        ("[x * 2 for x in items if x > 1]", [4, 6]),
        ("{k: v for k, v in person.items() if k != 'sex'}", {"age": 12}),
        ("name.lower().startswith('a') and 'nn' in name", True),
        ("len(items) == 3 and min(items) == 1 and max(items) == 3", True),
        ("sorted(items, reverse=True)", [3, 2, 1]),
        ("', '.join(str(i) for i in items)", "1, 2, 3"),
        ("f'{name!r:>7}|{ratio:.2f}'", "  'Ann'|0.33"),
        ("'%s-%03d' % (name, age)", "Ann-012"),
        ("any(i > 2 for i in items) and all(items)", True),
        ("sum(range(5)) + sum([1.5, 2])", 13.5),
        ("'a' * 3 + 'b'", "aaab"),
        ("[0] * 3 + [1]", [0, 0, 0, 1]),
        ("list(zip(items, 'abc'))[0]", (1, "a")),
    ],
)
def test_evaluate_ordinary_expression(source: str, expected: object) -> None:
    assert evaluate_expression(source, _data()) == expected


@pytest.mark.parametrize(
    ("age", "consent", "expected"), [(12, True, True), (30, True, False), (12, False, False)]
)
def test_evaluate_condition_on_task_data(age: int, consent: bool, expected: bool) -> None:
    assert evaluate_expression("age < 18 and consent", {"age": age, "consent": consent}) is expected


def test_refuse_expression_changing_task_data() -> None:
    data = _data()
    with pytest.raises(ScriptError, match="may not change case data"):
        evaluate_expression("items.append(4)", data)
    assert evaluate_expression("(total := 5) + total", data) == 10
    assert data == _data()


def test_execute_script_writes_variables_into_context() -> None:
    data = _data()
    execute_script(
        "presumed_child = age is None or age < 18\ncount = len(items)\nitems.append(4)", data
    )
    assert data == {**_data(), "presumed_child": True, "count": 3, "items": [1, 2, 3, 4]}


def test_execute_script_converts_values_to_json_types() -> None:
    data: dict[str, Any] = {}
    execute_script("pair = (1, 2)\ntags = {'b', 'a'}\nmixed = {1, 'a'}\nnested = {'t': (1,)}", data)
    assert data["pair"] == [1, 2]
    assert data["tags"] == ["a", "b"]
    assert sorted(map(str, data["mixed"])) == ["1", "a"]
    assert data["nested"] == {"t": [1]}


@pytest.mark.parametrize(
    ("script", "fragment"),
    [
        ("ok = 1\nlater = (x for x in items)", "holds a generator"),
        ("ok = 1\ncounts = {1: 'one'}", "non-string key 1"),
        ("ok = 1\nratio = float('nan')", "the number nan"),
    ],
)
def test_refuse_script_value_case_data_cannot_store(script: str, fragment: str) -> None:
    data = _data()
    with pytest.raises(ScriptError, match=fragment):
        execute_script(script, data)
    assert data == _data()  # nothing written, not even `ok`


def test_script_variables_past_the_data_limit_stop_the_conversion_early() -> None:
    # Two cheap lines, 300 million items of case data: the conversion stops at the limit.
    data = _data()
    error = _fails_fast(lambda: execute_script("x = [0] * 10**6\ny = [x] * 300", data), 2.0)
    assert "1,048,576 bytes" in error.message
    assert data == _data()


def test_the_data_limit_counts_every_variable_a_script_leaves() -> None:
    data: dict[str, Any] = {}
    execute_script("a = 'x' * 400\nb = ['y' * 400]", data, data_limit=1_000)
    with pytest.raises(ScriptLimitError, match="'b' would put more than 1,000 bytes"):
        execute_script("a = 'x' * 600\nb = ['y' * 600]", {}, data_limit=1_000)
    with pytest.raises(ScriptLimitError):
        execute_script("c = {'k' * 990: 1}", {}, data_limit=1_000)


def test_execute_script_removes_deleted_variable() -> None:
    data = {"draft": "x", "kept": 1}
    execute_script("del draft", data)
    assert data == {"kept": 1}


def test_execute_script_keeps_helpers_and_functions_out_of_context() -> None:
    data: dict[str, Any] = {}
    script = "deadline = hours(24)\ndouble = lambda v: v * 2\ndef half(v):\n    return v / 2\n"
    execute_script(script + "size = double(half(8))", data, HELPERS)
    assert data == {"deadline": "PT24H", "size": 8.0}


def test_refuse_task_data_shadowing_helper() -> None:
    with pytest.raises(ScriptError, match="overwrites predefined function.*days"):
        execute_script("deadline = days(3)", {"days": 3}, HELPERS)
    with pytest.raises(ScriptError, match="days"):
        evaluate_expression("days(3)", {"days": 3}, HELPERS)


@pytest.mark.parametrize(("source", "line"), [("x = 1\ny = (", 2), ("x = 1\n\nimport os", 3)])
def test_report_compile_error_line_number(source: str, line: int) -> None:
    with pytest.raises(ScriptCompileError) as caught:
        compile_script(source)
    assert caught.value.fields["line"] == line
    assert caught.value.message.startswith(f"Line {line}:")


def test_cache_compiled_code() -> None:
    assert compile_expression("age < 18 and consent") is compile_expression("age < 18 and consent")
    assert compile_script("x = 1") is compile_script("x = 1")


def test_execute_indented_script() -> None:
    data: dict[str, Any] = {}
    execute_script("\n    x = 1\n    y = x + 1\n", data)
    assert data == {"x": 1, "y": 2}


@pytest.mark.parametrize(
    ("source", "error"),
    [("1 / 0", ZeroDivisionError), ("missing + 1", NameError), ("person['nope']", KeyError),
     ("'a' + 1", TypeError), ("name.nope", AttributeError)],
)  # fmt: skip
def test_propagate_runtime_error_unchanged(source: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        evaluate_expression(source, _data())


def test_refuse_service_task_call() -> None:
    with pytest.raises(ScriptError, match="service tasks are not supported"):
        RestrictedEnvironment().call_service({}, operation_name="x")


def test_field_reads_a_case_field_or_its_default() -> None:
    data: dict[str, Any] = {"since": "2026-01-05", "empty": None}
    execute_script(
        'start = field("since", "today")\nother = field("missing", "today")\n'
        'none = field("empty", 1)\nabsent = field("missing")',
        data,
    )
    assert (data["start"], data["other"], data["none"], data["absent"]) == (
        "2026-01-05",
        "today",
        None,
        None,
    )
    assert "field" not in data
    assert evaluate_expression('field("missing", 3) + 1', {}) == 4


def test_field_is_a_case_value_when_the_case_has_a_field_of_that_name() -> None:
    assert evaluate_expression("field", {"field": "a field called field"}) == "a field called field"


def test_field_is_visible_inside_a_comprehension() -> None:
    data: dict[str, Any] = {"planned": ["a", "b"], "by_a": "ngo"}
    execute_script('agencies = {s: field("by_" + s, "social") for s in planned}', data)
    assert data["agencies"] == {"a": "ngo", "b": "social"}
