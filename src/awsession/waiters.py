"""Waiter acceptors as pure decisions (``waiters-2.json``): does a response end the wait?

Theory of operation. :class:`WaiterSpec` compiles a waiter's acceptors once. After each poll the
client layer calls :meth:`WaiterSpec.judge` with the response dict (an error response is passed as
``ClientError.response``) and the attempt number; it returns a :class:`Verdict`: ``success`` (stop),
``retry`` (sleep ``delay`` then poll again), or ``failure`` with boto3's reason text. Sleeping is the
caller's job.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import jmespath

from .exceptions import WaiterConfigError

__all__ = ["Acceptor", "Verdict", "WaiterSpec"]


def _is_error(response: Mapping[str, Any]) -> bool:
    error = response.get("Error")
    return isinstance(error, dict) and "Code" in error


def _matcher(kind: str, argument: str | None, expected: Any) -> Callable[[Mapping[str, Any]], bool]:
    if kind in ("path", "pathAll", "pathAny"):
        expression = jmespath.compile(argument or "")

        def path_match(response: Mapping[str, Any]) -> bool:
            if _is_error(response):
                return False
            found = expression.search(response)
            if kind == "path":
                return bool(found == expected)
            if not isinstance(found, list) or not found:
                return False
            if kind == "pathAll":
                return all(v == expected for v in found)
            return any(v == expected for v in found)

        return path_match
    if kind == "status":
        return lambda r: r.get("ResponseMetadata", {}).get("HTTPStatusCode") == expected
    if kind == "error":
        if expected is True:
            return lambda r: "Error" in r and "Code" in r["Error"]
        if expected is False:
            return lambda r: "Error" not in r
        return lambda r: r.get("Error", {}).get("Code", "") == expected
    raise WaiterConfigError(error_msg=f"Unknown acceptor: {kind}")


_EXPLANATIONS = {
    "path": 'For expression "{argument}" we matched expected path: "{expected}"',
    "pathAll": 'For expression "{argument}" all members matched expected path: "{expected}"',
    "pathAny": 'For expression "{argument}" we matched expected path: "{expected}" at least once',
    "status": "Matched expected HTTP status code: {expected}",
    "error": "Matched expected service error code: {expected}",
}


@dataclass(frozen=True, slots=True)
class Acceptor:
    state: str
    matcher: str
    expected: Any
    argument: str | None
    matches: Callable[[Mapping[str, Any]], bool]

    @property
    def explanation(self) -> str:
        template = _EXPLANATIONS.get(self.matcher)
        if template is None:
            return f'No explanation for unknown waiter type: "{self.matcher}"'
        return template.format(argument=self.argument, expected=self.expected)


@dataclass(frozen=True, slots=True)
class Verdict:
    state: str  # "success" | "retry" | "failure"
    reason: str = ""


class WaiterSpec:
    def __init__(self, name: str, config: Mapping[str, Any]) -> None:
        self.name = name
        self.operation: str = config["operation"]
        self.delay: float = config["delay"]
        self.max_attempts: int = config["maxAttempts"]
        self.description: str = config.get("description", "")
        self.acceptors = tuple(
            Acceptor(a["state"], a["matcher"], a["expected"], a.get("argument"),
                     _matcher(a["matcher"], a.get("argument"), a["expected"]))
            for a in config["acceptors"])

    def judge(self, response: Mapping[str, Any], attempt: int, max_attempts: int,
              last_matched: Acceptor | None) -> tuple[Verdict, Acceptor | None]:
        """Decide after poll number ``attempt``; returns the verdict and the last matched acceptor.

        As botocore: an unmatched error response fails at once; "max attempts" names the acceptor
        matched by this poll or, when none matched, the *last acceptor in the list* (botocore
        reports its loop variable), as long as some earlier poll matched one.
        """
        matched = next((a for a in self.acceptors if a.matches(response)), None)
        if matched is None:
            if _is_error(response):
                error = response["Error"]
                return Verdict("failure", "An error occurred ({}): {}".format(
                    error.get("Code", "Unknown"), error.get("Message", "Unknown"))), last_matched
        else:
            last_matched = matched
            if matched.state == "success":
                return Verdict("success"), last_matched
            if matched.state == "failure":
                return Verdict("failure", "Waiter encountered a terminal failure state: "
                                          f"{matched.explanation}"), last_matched
        if attempt >= max_attempts:
            if last_matched is None:
                return Verdict("failure", "Max attempts exceeded"), last_matched
            shown = matched if matched is not None else self.acceptors[-1]
            return Verdict("failure", "Max attempts exceeded. Previously accepted state: "
                                      f"{shown.explanation}"), last_matched
        return Verdict("retry"), last_matched
