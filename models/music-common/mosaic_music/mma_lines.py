"""MMA source lines: comments, continuations, variables (Set, $name, $( math ), $_ system values) and If/Else/Endif.

As MMA reads a file (MMA/file.py, MMA/macro.py): `//` starts a comment, a trailing `\\` joins the next line, `$NAME` is a
variable set by Set/NewSet, `$( 1 + $X )` is arithmetic, `$_NAME` a system value, and If blocks are read raw.
"""
import re

from .mma_patterns import MmaSyntaxError

_ARITHMETIC = re.compile(r"^(?:[0-9.+\-*/ ()]|int)*$")


def logical_lines(text: str):
    """The file's lines as word lists: comments dropped, `\\` continuations joined, blank lines skipped."""
    pending = ""
    for raw in text.splitlines():
        line = raw.split("//", 1)[0].rstrip()
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        line, pending = pending + line, ""
        if line.strip():
            yield line.split()
    if pending.strip():
        yield pending.split()


class Macros:
    """Variables and the If stack for one run of the reader."""

    def __init__(self, system):
        self.vars: dict = {}
        self.system = system  # callable: system value name (upper, without `_`) -> str
        self.stack: list = []

    def expand(self, words: list) -> list:
        text = " ".join(words)
        for _ in range(20):
            changed = False
            out = []
            for word in text.split():
                if word.startswith("$") and not word.startswith(("$(", "$$")):
                    name, index = word[1:].upper(), None
                    if name.endswith("]") and "[" in name:
                        name, index = name[:-1].split("[", 1)
                    if name.startswith("_"):
                        value = self.system(name[1:])
                    elif name in self.vars:
                        value = self.vars[name]
                    else:
                        raise MmaSyntaxError(f"variable {word} is not set")
                    out.append(value if index is None else " ".join(value.split()[int(index):][:1]))
                    changed = True
                else:
                    out.append(word)
            text = " ".join(out)
            start = text.find("$(")
            if start >= 0 and not changed:
                depth, end = 0, start + 1
                for end in range(start + 1, len(text)):
                    depth += {"(": 1, ")": -1}.get(text[end], 0)
                    if depth == 0:
                        break
                expression = text[start + 2:end]
                if depth or not _ARITHMETIC.match(expression):
                    raise MmaSyntaxError(f"cannot evaluate $({expression})")
                value = eval(expression, {"__builtins__": {}, "int": int})  # numbers, operators, int() (checked)
                text = text[:start] + f"{value:g}" + text[end + 1:]
                changed = True
            if not changed:
                return text.split()
        raise MmaSyntaxError("variables expand without end")

    def set(self, words: list, only_new: bool = False) -> None:
        if not words:
            raise MmaSyntaxError("Set needs a name")
        name = words[0].upper()
        if not (only_new and name in self.vars):
            self.vars[name] = " ".join(words[1:])

    # ---- If / Else / Endif ------------------------------------------------------------------------------------------
    @property
    def skipping(self) -> bool:
        return bool(self.stack) and not self.stack[-1][0]

    def control(self, words: list) -> bool:
        """Handles If/Else/Endif lines (raw words); True when the line was one of them."""
        action = words[0].upper()
        if action == "IF":
            if self.skipping:
                self.stack.append([False, True])
            else:
                taken = self._condition(self.expand(words[1:]))
                self.stack.append([taken, taken])
            return True
        if action == "ELSE":
            if not self.stack:
                raise MmaSyntaxError("Else without If")
            entry = self.stack[-1]
            outer_skipping = len(self.stack) > 1 and not self.stack[-2][0]
            entry[0] = not entry[1] and not outer_skipping
            entry[1] = True
            return True
        if action in ("ENDIF", "IFEND"):
            if not self.stack:
                raise MmaSyntaxError("Endif without If")
            self.stack.pop()
            return True
        return False

    def _condition(self, words: list) -> bool:
        if not words:
            raise MmaSyntaxError("If needs a test")
        test = words[0].upper()
        if test in ("DEF", "NDEF"):
            defined = len(words) > 1 and words[1].upper() in self.vars
            return defined if test == "DEF" else not defined
        if len(words) != 3:
            raise MmaSyntaxError(f"unsupported If test {' '.join(words)!r}")
        left, right = words[1].upper(), words[2].upper()
        try:
            left, right = float(left), float(right)
        except ValueError:
            pass
        tests = {"EQ": left == right, "==": left == right, "NE": left != right, "!=": left != right}
        if test in tests:
            return tests[test]
        if isinstance(left, str) or isinstance(right, str):
            raise MmaSyntaxError(f"unsupported If test {' '.join(words)!r}")
        order = {"LT": left < right, "<": left < right, "LE": left <= right, "<=": left <= right,
                 "GT": left > right, ">": left > right, "GE": left >= right, ">=": left >= right}
        if test not in order:
            raise MmaSyntaxError(f"unsupported If test {test!r}")
        return order[test]
