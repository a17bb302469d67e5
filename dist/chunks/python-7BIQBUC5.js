import { createRequire as __shipsetCreateRequire } from 'node:module';
import { fileURLToPath as __shipsetFileURLToPath } from 'node:url';
import { dirname as __shipsetDirname } from 'node:path';
const require = __shipsetCreateRequire(import.meta.url);
const __filename = __shipsetFileURLToPath(import.meta.url);
const __dirname = __shipsetDirname(__filename);
if (!('cb' in globalThis)) globalThis.cb = undefined;
import{b as U}from"./chunk-P2MXZUNO.js";import{a as q}from"./chunk-3ZQAJ6CE.js";import{c as B}from"./chunk-W6ICIJJT.js";import"./chunk-F4Y5E24J.js";import{a as L,f as z}from"./chunk-ATTXFYYV.js";import{b as G,c as k}from"./chunk-MF4WZKLL.js";import{c as O}from"./chunk-ZTSPKI77.js";import{a as W}from"./chunk-QIQWDIPD.js";import"./chunk-CCF5JKLN.js";import E from"node:fs";import c from"node:path";import{spawn as le}from"node:child_process";import de from"node:os";import fe from"node:readline";var H=String.raw`
import bisect
import itertools
import re as _re

_WS = "[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]"
_WS_RUN = _re.compile(_WS + "+")
_RUNTIME_GUARDS = _re.compile(r"\b(?:sys\.version_info|sys\.platform|sys\.implementation|os\.name|platform\.(?:system|machine|python_implementation)|PY2|PY3|IS_WINDOWS|WINDOWS)\b", _re.ASCII)
_DOTTED = _re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*", _re.ASCII)
_DRIVE = _re.compile(r"[A-Za-z]:")
_ENVIRON_TARGET = _re.compile(r"os\.environ\[(['\"])DJANGO_SETTINGS_MODULE\1\]")
_DJANGO_INCLUDE = _re.compile(
    r"\bimport" + _WS + r"+(?:django\.urls|django\.conf\.urls)\b|from" + _WS + r"+django\.(?:conf\.)?urls" + _WS + r"+import" + _WS + r"*\(?(?:[A-Za-z0-9_,]|" + _WS + r")*\binclude\b",
    _re.ASCII,
)
_URLS_INCLUDE = _re.compile(r"(?:^|\.)urls\.include$")
_SETDEFAULT = _re.compile(r"(?:^|\.)environ\.setdefault$")
_RESOLVE = _re.compile(r"(?:^|\.)(?:resolve|absolute)$")
_ABSPATH = _re.compile(r"^(?:os\.path\.|path\.)?(?:abspath|realpath|normpath)$")
_PATHLIB = _re.compile(r"^(?:pathlib\.)?(?:Path|PurePath)$")
_DIRNAME = _re.compile(r"^(?:os\.path\.|path\.)?dirname$")
_JOIN = _re.compile(r"^(?:os\.path\.|path\.)?join$")
_OWN_PACKAGE = ("__package__", "__name__", "__spec__.parent")
# Words in the callee of every call parse.ts reads: a line without one holds no such call.
_CALL_WORDS = ("import_module", "__import__", "setdefault", "Celery", "autodiscover_tasks", "config_from_object", "addsitedir")
_SYS_PATH = _re.compile(r"sys" + _WS + r"*\." + _WS + r"*path" + _WS + r"*\." + _WS + r"*(?:insert|append)")
# Literal parts of _RUNTIME_GUARDS: a file without any cannot match it.
_GUARD_WORDS = ("sys.", "os.name", "platform.", "PY2", "PY3", "WINDOWS")
_CATCHES_IMPORT_ERROR = {"ImportError", "ModuleNotFoundError", "Exception", "BaseException"}
_TYPE_CHECKING = {"TYPE_CHECKING", "typing.TYPE_CHECKING", "t.TYPE_CHECKING"}
_DJANGO_SETTINGS = {
    "INSTALLED_APPS": "app",
    "ROOT_URLCONF": "module",
    "MIDDLEWARE": "attribute",
    "MIDDLEWARE_CLASSES": "attribute",
    "WSGI_APPLICATION": "attribute",
    "ASGI_APPLICATION": "attribute",
    "AUTHENTICATION_BACKENDS": "attribute",
}
_IMPORT_CALLS = {"importlib.import_module", "import_module", "__import__", "importlib.__import__"}
_PLAIN_PREFIXES = {"", "r", "R", "u", "U"}
_STRING_START = _re.compile(r"([A-Za-z]{0,2})('''|\"\"\"|'|\")")
_BETWEEN_PARTS = _re.compile(r"(?:[ \t\f\r\n]|\\\r?\n|#[^\n]*)*")
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
_TRIES = (ast.Try, ast.TryStar) if hasattr(ast, "TryStar") else (ast.Try,)


# Statements that hold no import, no nested statement and no settings assignment.
_LEAVES = {ast.Expr, ast.Return, ast.Pass, ast.Break, ast.Continue, ast.Raise, ast.Assert, ast.Delete, ast.Global, ast.Nonlocal, ast.AnnAssign}
_BODIES = {
    ast.For: ("body", "orelse"),
    ast.AsyncFor: ("body", "orelse"),
    ast.While: ("body", "orelse"),
    ast.With: ("body",),
    ast.AsyncWith: ("body",),
    ast.Match: ("cases",),
    ast.match_case: ("body",),
}


def _find_all(text, word):
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + 1)


class _Star:
    """The * or ** token before an unpacked call argument: parse.ts takes it for an argument of its own."""

    def __init__(self, token, lineno, col_offset):
        self.token = token
        self.lineno = lineno
        self.col_offset = col_offset
        self.end_lineno = lineno
        self.end_col_offset = col_offset + len(token)


def _utf16_len(s):
    return len(s) + sum(1 for ch in s if ord(ch) > 0xFFFF) if not s.isascii() else len(s)


def _clip(expression):
    """parse.ts's 80-character cut (UTF-16 units) of an expression's text."""
    if _utf16_len(expression) <= 80:
        return expression
    units = expression.encode("utf-16-le")[: 77 * 2].decode("utf-16-le", "ignore")
    return units + "..."


def _collapse(s):
    return _WS_RUN.sub(" ", s)


def _compact(s):
    return _WS_RUN.sub("", s)


def _normalize(p):
    """Node's path.posix.normalize."""
    absolute = p.startswith("/")
    trailing = p.endswith("/")
    parts = []
    for seg in p.split("/"):
        if seg == "" or seg == ".":
            continue
        if seg == "..":
            if parts and parts[-1] != "..":
                parts.pop()
            elif not absolute:
                parts.append("..")
            continue
        parts.append(seg)
    out = "/".join(parts)
    if not out and not absolute:
        out = "."
    if out and trailing:
        out += "/"
    return "/" + out if absolute else out


class _Reader:
    def __init__(self, text, tree):
        self.text = text
        self.lines = text.split("\n")
        self.line_starts = None
        self.encoded = {}
        self.imports = []
        self.dynamic = []
        self.path_changes = []
        self.lists = {}
        self.django_include = None
        self.tree = tree

    # Positions --------------------------------------------------------------------------------
    def starts(self):
        """The character offset where each line starts (computed when first needed)."""
        if self.line_starts is None:
            self.line_starts = [0, *itertools.accumulate(len(line) + 1 for line in self.lines[:-1])]
        return self.line_starts

    def column(self, lineno, col):
        """Character index in its line of a (1-based line, UTF-8 byte column) position."""
        line = self.lines[lineno - 1]
        if line.isascii():
            return col
        data = self.encoded.get(lineno)
        if data is None:
            data = self.encoded[lineno] = line.encode("utf-8")
        return len(data[:col].decode("utf-8", "ignore"))

    def offset(self, lineno, col):
        """Character offset in the text of a (1-based line, UTF-8 byte column) position."""
        return self.starts()[lineno - 1] + self.column(lineno, col)

    def start(self, node):
        return self.offset(node.lineno, node.col_offset)

    def end(self, node):
        return self.offset(node.end_lineno, node.end_col_offset)

    def segment(self, node):
        if isinstance(node, _Star):
            return node.token
        if node.lineno == node.end_lineno:
            return self.lines[node.lineno - 1][self.column(node.lineno, node.col_offset) : self.column(node.lineno, node.end_col_offset)]
        return self.text[self.start(node) : self.end(node)]

    def at_offset(self, offset):
        """parse.ts's {line, column} (1-based, UTF-16) of a character offset."""
        starts = self.starts()
        lo = bisect.bisect_right(starts, offset) - 1
        before = self.text[starts[lo] : offset]
        return {"line": lo + 1, "column": _utf16_len(before) + 1}

    def at(self, node, shift=0):
        line = self.lines[node.lineno - 1]
        if line.isascii():
            return {"line": node.lineno, "column": node.col_offset + 1 + shift}
        return {"line": node.lineno, "column": _utf16_len(line[: self.column(node.lineno, node.col_offset)]) + 1 + shift}

    def starts_with(self, node, word):
        return self.lines[node.lineno - 1].startswith(word, self.column(node.lineno, node.col_offset))

    def parenthesized(self, outer, inner):
        """The inner node starts after the outer one: it is wrapped in parentheses there."""
        return inner.lineno != outer.lineno or inner.col_offset != outer.col_offset

    # Strings ----------------------------------------------------------------------------------
    def string_parts(self, node):
        """[(value or None, offset)] of each literal part of a str constant, plus whether comments separate them."""
        seg = self.segment(node)
        base = self.start(node)
        parts = []
        i = 0
        comment = False
        n = len(seg)
        while i < n:
            m = _STRING_START.match(seg, i)
            if not m:
                return None, comment
            prefix, quote = m.group(1), m.group(2)
            j = m.end()
            while j < n and not seg.startswith(quote, j):
                if seg[j] == "\\":
                    j += 1
                j += 1
            if j >= n:
                return None, comment
            content = seg[m.end() : j]
            parts.append((content if prefix in _PLAIN_PREFIXES else None, base + i))
            i = j + len(quote)
            gap = _BETWEEN_PARTS.match(seg, i)
            if "#" in seg[i : gap.end()]:
                comment = True
            i = gap.end()
        return parts, comment

    def literal(self, node):
        """parse.ts's stringLiteral: the raw contents between the quotes of a plain string (escapes kept)."""
        if type(node) is not ast.Constant or type(node.value) is not str:
            return None
        parts, comment = self.string_parts(node)
        if parts is None or comment or any(v is None for v, _ in parts):
            return None
        return "".join(v for v, _ in parts)

    # Walk -------------------------------------------------------------------------------------
    def children(self, node):
        t = type(node)
        if t is ast.Dict:
            out = []
            for k, v in zip(node.keys, node.values):
                if k is not None:
                    out.append(k)
                out.append(v)
            return out
        if t is ast.IfExp:
            return [node.body, node.test, node.orelse]
        if t is ast.Call:
            return [node.func] + [a for _, a in self.arguments(node) if type(a) is not _Star]
        if t is ast.arguments:
            items = [a for a in node.posonlyargs + node.args + [node.vararg] + node.kwonlyargs + [node.kwarg] if a is not None]
            items += [d for d in node.defaults + node.kw_defaults if d is not None]
            items.sort(key=lambda a: (a.lineno, a.col_offset))
            return items
        if t is ast.keyword:
            return [node.value]
        if t is ast.Starred:
            return [node.value]
        return ast.iter_child_nodes(node)

    def arguments(self, call):
        """Call arguments in source order as parse.ts sees them: (keyword name or None, node), a _Star before unpacked ones."""
        items = []
        for a in call.args:
            if type(a) is ast.Starred:
                items.append(((a.lineno, a.col_offset, 0), None, _Star("*", a.lineno, a.col_offset)))
                items.append(((a.lineno, a.col_offset, 1), None, a.value))
            else:
                items.append(((a.lineno, a.col_offset, 0), None, a))
        for k in call.keywords:
            if k.arg is None:
                items.append(((k.lineno, k.col_offset, 0), None, _Star("**", k.lineno, k.col_offset)))
                items.append(((k.lineno, k.col_offset, 1), None, k.value))
            else:
                items.append(((k.lineno, k.col_offset, 0), k.arg, k.value))
        items.sort(key=lambda x: x[0])
        return [(name, node) for _, name, node in items]

    def call_arguments(self, call):
        positional = []
        keywords = {}
        for name, node in self.arguments(call):
            if name is None:
                positional.append(node)
            else:
                keywords[name] = node
        return positional, keywords

    def callee(self, call):
        func = call.func
        if type(func) not in (ast.Name, ast.Attribute) or self.parenthesized(call, func):
            return None
        return _compact(self.segment(func))

    def statements(self, body, optional, conditional):
        if self.hot_lines:
            for s in body:
                self.walk(s, optional, conditional)
        else:
            for s in body:
                if type(s) not in _LEAVES:
                    self.walk(s, optional, conditional)

    def hot(self, node):
        if not hasattr(node, "end_lineno"):
            return True
        """A line of the node holds a call parse.ts reads (by the trigger words of its callee)."""
        lines = self.hot_lines
        k = bisect.bisect_left(lines, node.lineno)
        return k < len(lines) and lines[k] <= node.end_lineno

    def walk(self, node, optional, conditional):
        if isinstance(node, ast.expr) and not (self.hot_lines and self.hot(node)):
            return
        t = type(node)
        if t is ast.Import:
            for alias in node.names:
                self.imports.append({"module": alias.name, "level": 0, **self.at(alias), "optional": optional, "viaCall": False})
            return
        if t is ast.ImportFrom:
            self.read_from_import(node, optional)
            return
        if t is ast.If:
            self.walk_if(node, optional, conditional)
            return
        if t in _TRIES:
            self.walk_try(node, optional, conditional)
            return
        if t in _FUNCTIONS:
            for d in node.decorator_list:
                self.walk_decorator(d, optional, conditional)
            for part in list(getattr(node, "type_params", [])) + [node.args, node.returns]:
                if part is not None:
                    self.walk(part, False, True)
            self.statements(node.body, False, True)
            return
        if t is ast.ClassDef:
            for d in node.decorator_list:
                self.walk_decorator(d, optional, conditional)
            for part in list(getattr(node, "type_params", [])) + node.bases + node.keywords:
                self.walk(part, optional, conditional)
            self.statements(node.body, optional, conditional)
            return
        if t is ast.Lambda:
            optional, conditional = False, True
        elif t is ast.Call:
            self.read_import_call(node, optional)
            self.read_framework_call(node, optional)
            self.read_path_change(node)
        elif t is ast.Assign or t is ast.AugAssign:
            self.read_settings(node, optional, conditional)
        if self.hot_lines and self.hot(node):
            for child in self.children(node):
                self.walk(child, optional, conditional)
        else:
            # No call to read on these lines: only nested statements can hold the rest.
            for field in _BODIES.get(t, ()):
                for child in getattr(node, field):
                    self.walk(child, optional, conditional)

    def walk_decorator(self, node, optional, conditional):
        # parse.ts's grammar reads "@f(x)" as a decorator, not as a call: only its parts are walked.
        if type(node) is ast.Call:
            for child in self.children(node):
                self.walk(child, optional, conditional)
        else:
            self.walk(node, optional, conditional)

    def read_from_import(self, node, optional):
        names = [{"name": a.name, **self.at(a)} for a in node.names]
        line = self.lines[node.lineno - 1]
        c = self.column(node.lineno, node.col_offset) + 4
        while c < len(line) and line[c] in " \t\f":
            c += 1
        if not line.startswith("\\", c):
            position = {"line": node.lineno, "column": _utf16_len(line[:c]) + 1}
            self.imports.append({"module": node.module or "", "level": node.level, "names": names, **position, "optional": optional, "viaCall": False})
            return
        # A line continuation after "from": scan on through the text.
        i = self.start(node) + 4
        text = self.text
        while True:
            if text.startswith("\\\r\n", i):
                i += 3
            elif text.startswith("\\\n", i):
                i += 2
            elif i < len(text) and text[i] in " \t\f":
                i += 1
            else:
                break
        self.imports.append(
            {"module": node.module or "", "level": node.level, "names": names, **self.at_offset(i), "optional": optional, "viaCall": False}
        )

    def walk_if(self, node, optional, conditional):
        text = self.text
        branches = [node]
        current = node
        while len(current.orelse) == 1 and type(current.orelse[0]) is ast.If and self.starts_with(current.orelse[0], "elif"):
            current = current.orelse[0]
            branches.append(current)
        orelse = current.orelse
        guarded = self.has_guards and any(_RUNTIME_GUARDS.search(self.segment(b.test)) for b in branches)
        if not guarded and self.has_guards:
            # Comments between a branch and the next elif/else are parts of the if statement too.
            for k in range(len(branches)):
                after = self.end(branches[k].body[-1])
                if k + 1 < len(branches):
                    until = self.start(branches[k + 1])
                elif orelse:
                    until = self.start(orelse[0])
                else:
                    break
                gap = text[after:until]
                if "#" in gap and any(_RUNTIME_GUARDS.search(c) for c in _re.findall(r"#[^\n]*", gap)):
                    guarded = True
        if guarded:
            optional = True
        for branch in branches:
            test = branch.test
            self.walk(test, optional, conditional)
            if self.is_type_checking(test):
                continue
            self.statements(branch.body, optional, True)
        self.statements(orelse, optional, True)

    def is_type_checking(self, test):
        """parse.ts's test on the condition's text: TYPE_CHECKING, typing.TYPE_CHECKING or t.TYPE_CHECKING."""
        t = type(test)
        if t is ast.Name:
            return test.id == "TYPE_CHECKING"
        if t is ast.Attribute and test.attr == "TYPE_CHECKING" and type(test.value) is ast.Name and test.value.id in ("typing", "t"):
            return not self.parenthesized(test, test.value)
        return False

    def catches(self, handler):
        if handler.type is None:
            return True
        for n in ast.walk(handler.type):
            t = type(n)
            if (t is ast.Name and n.id in _CATCHES_IMPORT_ERROR) or (t is ast.Attribute and n.attr in _CATCHES_IMPORT_ERROR):
                return True
        return False

    def walk_try(self, node, optional, conditional):
        handlers = [(h, self.catches(h)) for h in node.handlers]
        guarded = any(c for _, c in handlers)
        self.statements(node.body, optional or guarded, conditional)
        for h, catches in handlers:
            if h.type is not None:
                self.walk(h.type, optional, conditional)
            self.statements(h.body, True if catches else optional, conditional)
        self.statements(node.orelse, optional, conditional)
        self.statements(node.finalbody, optional, conditional)

    # Calls ------------------------------------------------------------------------------------
    def read_import_call(self, node, optional):
        callee = self.callee(node)
        if callee not in _IMPORT_CALLS:
            return
        positional = []
        package = None
        for name, arg in self.arguments(node):
            if name is None:
                positional.append(arg)
            elif name == "package":
                package = arg
            elif name == "name":
                positional.insert(0, arg)
        if not positional:
            return
        name_arg = positional[0]
        if callee.endswith("import_module") and package is None and len(positional) > 1:
            package = positional[1]
        pos = self.at(name_arg)
        literal = self.literal(name_arg)
        if literal is None:
            self.dynamic.append({**pos, "expression": _clip(_collapse(self.segment(name_arg)))})
            return
        level = len(literal) - len(literal.lstrip("."))
        if level > 0 and callee.endswith("import_module"):
            pkg = self.literal(package) if package is not None else None
            if pkg is not None:
                base = pkg.split(".")
                up = base[: len(base) - (level - 1)]
                rest = literal[level:]
                module = ".".join(up + ([rest] if rest else []))
                self.imports.append({"module": module, "level": 0, **pos, "optional": optional, "viaCall": True})
                return
            package_text = _compact(self.segment(package)) if package is not None else None
            if package_text not in _OWN_PACKAGE:
                expression = self.segment(name_arg) + ", " + (package_text if package_text is not None else "<no package>")
                self.dynamic.append({**pos, "expression": _clip(expression)})
                return
        self.imports.append({"module": literal[level:], "level": level, **pos, "optional": optional, "viaCall": True})

    def push_string_import(self, value, kind, loaded_by, at, optional):
        if not _DOTTED.fullmatch(value):
            return
        pos = self.at_found(at, 1)
        parts = value.split(".")
        base = {"level": 0, **pos, "optional": optional, "viaCall": False, "loadedBy": loaded_by}
        app_config = kind == "app" and len(parts) > 2 and parts[-2] == "apps" and "A" <= parts[-1][0] <= "Z"
        if kind == "app" and not app_config:
            self.imports.append({"module": value, "names": [{"name": n, **pos} for n in ("apps", "models", "admin")], **base})
            return
        if kind == "module" or len(parts) == 1:
            self.imports.append({"module": value, **base})
        else:
            self.imports.append({"module": ".".join(parts[:-1]), "names": [{"name": parts[-1], **pos}], **base})
        if app_config:
            self.imports.append({"module": ".".join(parts[:-2]), "names": [{"name": n, **pos} for n in ("models", "admin")], **base})

    def strings_in(self, node):
        """parse.ts's stringsIn: plain string literals inside node, not inside calls, lambdas or dicts."""
        found = []

        def visit(n):
            if isinstance(n, _Star):
                return
            t = type(n)
            if t is ast.Constant and type(n.value) is str:
                parts, comment = self.string_parts(n)
                if parts is not None and not comment and all(v is not None for v, _ in parts):
                    found.append(("".join(v for v, _ in parts), n))
                elif parts is not None and len(parts) > 1:
                    for v, offset in parts:
                        if v is not None:
                            found.append((v, offset))
                return
            if t is ast.JoinedStr:
                parts, _ = self.string_parts(n)
                for v, offset in parts or ():
                    if v is not None:
                        found.append((v, offset))
                return
            if t is ast.Call or t is ast.Lambda or t is ast.Dict:
                return
            for c in self.children(n):
                visit(c)

        visit(node)
        return found

    def at_found(self, at, shift):
        if isinstance(at, int):
            position = self.at_offset(at)
            position["column"] += shift
            return position
        return self.at(at, shift)

    def read_framework_call(self, node, optional):
        callee = self.callee(node)
        if callee is None:
            return
        last = callee[callee.rfind(".") + 1 :]
        positional, keywords = self.call_arguments(node)
        if _SETDEFAULT.search(callee) and self.literal(positional[0] if positional else node) == "DJANGO_SETTINGS_MODULE" and len(positional) > 1:
            literal = self.literal(positional[1])
            if literal is not None:
                self.push_string_import(literal, "module", "DJANGO_SETTINGS_MODULE", positional[1], optional)
        elif last == "Celery":
            include = keywords.get("include")
            if include is not None:
                for value, at in self.strings_in(include):
                    self.push_string_import(value, "module", "Celery include", at, optional)
        elif last == "autodiscover_tasks" and "." in callee:
            packages = keywords.get("packages", positional[0] if positional else None)
            related_node = keywords.get("related_name", positional[1] if len(positional) > 1 else None)
            related = self.literal(related_node) if related_node is not None else "tasks"
            if packages is None or related is None or not _DOTTED.fullmatch(related):
                return
            for value, at in self.strings_in(packages):
                if not _DOTTED.fullmatch(value):
                    continue
                pos = self.at_found(at, 1)
                self.imports.append(
                    {"module": value, "names": [{"name": related, **pos}], "level": 0, **pos, "optional": optional, "viaCall": False, "loadedBy": "autodiscover_tasks"}
                )
        elif (callee == "include" or _URLS_INCLUDE.search(callee)) and positional and self.imports_django_include():
            first = positional[0]
            if type(first) is ast.Tuple:
                first = first.elts[0] if first.elts else None
            literal = self.literal(first) if first is not None else None
            if literal is not None:
                self.push_string_import(literal, "module", "include()", first, optional)
        elif last == "config_from_object" and "." in callee and positional:
            literal = self.literal(positional[0])
            if literal is not None and ":" not in literal:
                self.push_string_import(literal, "module", "config_from_object", positional[0], optional)

    def imports_django_include(self):
        if self.django_include is None:
            self.django_include = _DJANGO_INCLUDE.search(self.text) is not None
        return self.django_include

    # sys.path ---------------------------------------------------------------------------------
    def eval_path(self, node):
        if isinstance(node, _Star):
            return None
        literal = self.literal(node)
        if literal is not None:
            return None if _DRIVE.match(literal) else ("cwd", literal or ".", False)
        t = type(node)
        if t is ast.Name:
            return ("file", ".", True) if node.id == "__file__" else None
        if t is ast.Attribute:
            if node.attr != "parent":
                return None
            inner = self.eval_path(node.value)
            return _parent(inner) if inner else None
        if t is ast.BinOp:
            if type(node.op) is not ast.Div:
                return None
            a = self.eval_path(node.left)
            b = self.literal(node.right)
            return _join(a, b) if a and b is not None else None
        if t is not ast.Call:
            return None
        callee = self.callee(node)
        if callee is None:
            return None
        positional, _ = self.call_arguments(node)
        func = node.func
        if _RESOLVE.search(callee) and type(func) is ast.Attribute and type(func.value) is ast.Call and not self.parenthesized(func, func.value):
            return self.eval_path(func.value)
        if _ABSPATH.match(callee) or _PATHLIB.match(callee) or callee == "str" or callee == "os.fspath":
            return self.eval_path(positional[0]) if positional else None
        if _DIRNAME.match(callee):
            inner = self.eval_path(positional[0]) if positional else None
            return _parent(inner) if inner else None
        if _JOIN.match(callee) and positional:
            value = self.eval_path(positional[0])
            for part in positional[1:]:
                s = self.literal(part)
                if not value or s is None:
                    return None
                value = _join(value, s)
            return value
        return None

    def read_path_change(self, node):
        callee = self.callee(node)
        if callee not in ("sys.path.insert", "sys.path.append", "site.addsitedir"):
            return
        positional, _ = self.call_arguments(node)
        index = 1 if callee == "sys.path.insert" else 0
        arg = positional[index] if len(positional) > index else None
        if arg is None:
            return
        position = "front" if callee == "sys.path.insert" and self.segment(positional[0]).strip() == "0" else "back"
        value = self.eval_path(arg)
        change = {**self.at(node), "position": position}
        if value and not value[2]:
            change["path"] = _normalize(value[1])
            change["base"] = value[0]
        change["expression"] = _clip(_collapse(self.segment(arg)))
        self.path_changes.append(change)

    # Django settings --------------------------------------------------------------------------
    def collect_lists(self):
        for s in self.tree.body:
            t = type(s)
            if t is ast.Assign and len(s.targets) == 1 and type(s.targets[0]) is ast.Name and not self.parenthesized(s, s.targets[0]):
                self.lists[s.targets[0].id] = [s.value]
            elif t is ast.AugAssign and type(s.op) is ast.Add and type(s.target) is ast.Name and not self.parenthesized(s, s.target):
                self.lists.setdefault(s.target.id, []).append(s.value)

    def read_settings(self, node, optional, conditional):
        first = node.targets[0] if type(node) is ast.Assign else node.target
        if not (type(first) is ast.Name and first.id in _DJANGO_SETTINGS) and type(first) is not ast.Subscript:
            return
        if type(node) is ast.Assign:
            target = node.targets[0]
            value = node.targets[1] if len(node.targets) > 1 else node.value
            if type(target) is ast.Tuple and not self.segment(target).startswith("("):
                return
        else:
            if type(node.op) is not ast.Add:
                return
            target = node.target
            value = node.value
        target_text = _compact(self.segment(target))
        setting = _DJANGO_SETTINGS.get(target_text) if type(target) is ast.Name and not self.parenthesized(node, target) else None
        if setting:
            setting_optional = True if conditional else optional
            unresolved = []
            for v, at in self.setting_strings(value, target_text, unresolved):
                self.push_string_import(v, setting, target_text, at, setting_optional)
            for u in unresolved:
                expression = target_text + " includes " + _collapse(self.segment(u))
                self.dynamic.append({**self.at(u), "expression": _clip(expression)})
            return
        if _ENVIRON_TARGET.fullmatch(target_text):
            literal = self.literal(value)
            if literal is not None:
                self.push_string_import(literal, "module", "DJANGO_SETTINGS_MODULE", value, optional)

    def setting_strings(self, node, setting, unresolved):
        found = []
        seen = set()

        def visit(n):
            literal = self.literal(n)
            if literal is not None:
                found.append((literal, n))
                return
            t = type(n)
            if t is ast.List or t is ast.Tuple:
                for e in n.elts:
                    visit(e.value if type(e) is ast.Starred else e)
                return
            if t is ast.BinOp:
                if type(n.op) is ast.Add:
                    visit(n.left)
                    visit(n.right)
                else:
                    unresolved.append(n)
                return
            if t is ast.Name:
                if n.id == setting:
                    return
                values = self.lists.get(n.id)
                if values is None or n.id in seen:
                    unresolved.append(n)
                    return
                seen.add(n.id)
                for v in values:
                    visit(v)
                seen.discard(n.id)
                return
            unresolved.append(n)

        visit(node)
        return found

    def run(self):
        text = self.text
        words = list(_CALL_WORDS)
        if "include" in text and "django" in text and self.imports_django_include():
            words.append("include")
        triggers = [at for word in words for at in _find_all(text, word)]
        if "sys" in text and "path" in text:
            triggers += [m.start() for m in _SYS_PATH.finditer(text)]
        self.hot_lines = sorted({text.count("\n", 0, at) + 1 for at in triggers})
        self.has_guards = any(word in text for word in _GUARD_WORDS)
        self.collect_lists()
        self.statements(self.tree.body, False, False)
        return {"imports": self.imports, "dynamic": self.dynamic, "pathChanges": self.path_changes}


def _parent(value):
    base, p, is_file = value
    if is_file:
        return (base, p, False)
    if p == ".":
        return (base, "..", False)
    if p.endswith(".."):
        return (base, p + "/..", False)
    return (base, "/".join(p.split("/")[:-1]) or ".", False)


def _join(value, part):
    if part.startswith("/") or value[2]:
        return None
    return (value[0], part if value[1] == "." else value[1] + "/" + part, False)


def extract(source, tree):
    if sys.version_info < (3, 10):
        return None
    if source.startswith(b"\xef\xbb\xbf"):
        source = source[3:]
    try:
        text = source.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if "\r" in text and "\r" in text.replace("\r\n", ""):
        return None
    try:
        return _Reader(text, tree).run()
    except (RecursionError, MemoryError):
        return None
`;var pe=String.raw`
import ast, base64, gc, json, sys, warnings
warnings.simplefilter("ignore")
# Trees are freed by reference counting; the cyclic collector runs once per batch instead of
# scanning every few hundred new tree nodes.
gc.disable()
out = sys.stdout
out.write(json.dumps({"version": list(sys.version_info[:2])}) + "\n")
out.flush()

def check(name, source, fv):
    try:
        tree = ast.parse(source, name) if fv is None else ast.parse(source, name, feature_version=(3, fv))
        compile(tree, name, "exec", dont_inherit=True)
    except SyntaxError as e:
        return {"error": {"line": e.lineno or 1, "column": e.offset or 1, "message": e.msg or "invalid syntax"}}
    except (ValueError, MemoryError, RecursionError) as e:
        return {"error": {"line": 1, "column": 1, "message": str(e) or type(e).__name__}}
    try:
        return {"parsed": extract(source, tree)}
    except Exception:
        return {"parsed": None}
${H}
for line in sys.stdin:
    req = json.loads(line)
    fv = req.get("feature")
    verdicts = [check(f["name"], base64.b64decode(f["source"]), fv) for f in req["files"]]
    out.write(json.dumps(verdicts) + "\n")
    out.flush()
    gc.collect()
`;function ce(t){return t>=13?7:4}var T=class t{constructor(e,s,n){this.child=e;this.version=s;n.on("line",o=>{let i=this.pending.shift();if(i)try{let l=JSON.parse(o);i(l.map(a=>a?.error?{error:{line:a.error.line,column:a.error.column,message:a.error.message}}:a?.parsed?{parsed:{imports:a.parsed.imports,dynamic:a.parsed.dynamic,pathChanges:a.parsed.pathChanges}}:{}))}catch{i(new Error(`python3 answered ${JSON.stringify(o.slice(0,80))}`))}});let r=o=>{this.failure??=o;for(let i of this.pending.splice(0))i(this.failure)};e.on("error",r),e.on("close",()=>r(new Error("python3 exited"))),e.stdin.on("error",r),this.stopCleanup=W(()=>e.kill())}child;version;pending=[];failure;stopCleanup;static async start(e="python3"){let s;try{s=le(e,["-I","-S","-B","-c",pe],{cwd:de.tmpdir(),stdio:["pipe","pipe","pipe"],windowsHide:!0})}catch{return}s.stderr.resume();let n=fe.createInterface({input:s.stdout}),r=await new Promise(o=>{let i=setTimeout(()=>o(void 0),15e3),l=a=>{clearTimeout(i),o(a)};s.once("error",()=>l(void 0)),s.once("close",()=>l(void 0)),n.once("line",a=>{try{let d=JSON.parse(a).version;l(d[0]===3?d:void 0)}catch{l(void 0)}})});if(!r){s.kill();return}return new t(s,r,n)}async analyze(e,s){if(this.failure)throw this.failure;if(!e.length)return[];let n=s!==void 0&&s<this.version[1]?Math.max(s,ce(this.version[1])):void 0,r=new Promise((l,a)=>{this.pending.push(d=>d instanceof Error?a(d):l(d))}),o={files:e.map(l=>({name:l.name,source:l.source.toString("base64")})),...n!==void 0?{feature:n}:{}};this.child.stdin.write(`${JSON.stringify(o)}
`);let i=await r;if(i.length!==e.length)throw new Error(`python3 answered ${i.length} verdicts for ${e.length} files`);return i}close(){this.stopCleanup(),this.child.stdin.end(),this.child.kill()}};import V from"node:fs";import P from"node:path";var ue=new Set([".git",".hg",".svn","node_modules","__pycache__",".venv","venv","env",".env",".tox",".nox","site-packages",".mypy_cache",".pytest_cache"]),me=2e4;function J(t,e,s){let n=new Set;for(let a of e.values())for(let d of a.edges)d.class==="package"&&d.packageName&&n.add(d.packageName);if(!n.size)return;let r=new Map,o=new Set(s),i=me,l=[t];for(let a=0;a<l.length&&i>0;a++){let d=l[a],p;try{p=V.readdirSync(d,{withFileTypes:!0})}catch{continue}for(let f of p.sort((h,m)=>h.name<m.name?-1:h.name>m.name?1:0)){if(--i<=0)break;let h=P.join(d,f.name),m=P.relative(t,h).split(P.sep).join("/");if(f.isDirectory()){if(ue.has(f.name)||f.name.startsWith("."))continue;n.has(f.name)&&!r.has(f.name)&&!o.has(d)&&V.existsSync(P.join(h,"__init__.py"))&&r.set(f.name,`${m}/`),l.push(h)}else if(f.isFile()&&f.name.endsWith(".py")){let g=f.name.slice(0,-3);n.has(g)&&!r.has(g)&&!o.has(d)&&r.set(g,m)}}}if(r.size)for(let a of e.values())for(let d of a.edges){let p=d.class==="package"&&d.packageName?r.get(d.packageName):void 0;p&&(d.localCandidate=p)}}import Y from"node:fs";import b from"node:path";var R=class{constructor(e=()=>!0){this.accept=e}accept;listings=new Map;extensions=new Map;list(e){let s=this.listings.get(e);if(s!==void 0)return s;s=null;try{s=new Map;for(let r of Y.readdirSync(e,{withFileTypes:!0})){let o;if(r.isFile())o="file";else if(r.isDirectory())o="dir";else if(r.isSymbolicLink())try{let i=Y.statSync(b.join(e,r.name));o=i.isDirectory()?"dir":i.isFile()?"file":void 0}catch{o=void 0}o&&this.accept(b.join(e,r.name))&&s.set(r.name,o)}let n=new Map;for(let[r,o]of s){let i=o==="file"?/^([A-Za-z_]\w*)(\.[\w-]+)?\.(so|pyd)$/.exec(r):null;i&&!n.has(i[1])&&n.set(i[1],r)}this.extensions.set(e,n)}catch{s=null}return this.listings.set(e,s),s}isFile(e){return this.list(b.dirname(e))?.get(b.basename(e))==="file"}find(e,s){let n=[];for(let r of s){let o=this.list(r);if(!o)continue;let i=o.get(e)==="dir",l=o.get(`${e}.py`)==="file"?b.join(r,`${e}.py`):void 0;if(i){let d=b.join(r,e);if(this.list(d)?.get("__init__.py")==="file")return{kind:"package",init:b.join(d,"__init__.py"),dir:d,...l?{shadowed:l}:{}}}let a=this.extensions.get(r)?.get(e);if(a)return{kind:"extension",file:b.join(r,a)};if(l)return{kind:"module",file:l,...i?{shadowed:b.join(r,e)+b.sep}:{}};i&&n.push(b.join(r,e))}return n.length?{kind:"namespace",dirs:n}:void 0}};import A from"node:path";var _e=1<<20;function K(t,e){let s=z(t,e,_e);return s.ok?s.text:void 0}function Z(t){let e;for(let s of t.split(/[,|]/)){let n=/^\s*(>=|>|~=|==|===|\^|~)?\s*3(?:\.(\d+))?(?:\.(\d+|\*))?\s*$/.exec(s);if(!n)continue;let r=n[1]??"==";if(r==="<"||r==="<="||r==="!=")continue;let o=n[2]===void 0?0:Number(n[2]);r===">"&&n[3]===void 0&&(o+=1),e=e===void 0?o:Math.max(e,o)}return e}function X(t,e,s){let n=e.split("/").slice(0,-1),r=[],o;for(let i=n.length;i>=0;i--){let l=n.slice(0,i).join("/");if(s.has(l)){o=s.get(l);break}r.push(l);let a=j(A.join(t,l));if(a){o=l?{...a,file:`${l}/${a.file}`}:a;break}}for(let i of r)s.set(i,o);return o}function j(t){let e=K(t,A.join(t,"pyproject.toml"));if(e!==void 0){let n;try{n=q(e)}catch{n=void 0}let r=n?.project,o=n?.tool?.poetry?.dependencies,i=typeof r?.["requires-python"]=="string"?r["requires-python"]:typeof o?.python=="string"?o.python:void 0;if(i!==void 0)return{spec:i,file:"pyproject.toml",minMinor:Z(i)}}let s=K(t,A.join(t,"setup.cfg"));if(s!==void 0){let n="";for(let r of s.split(/\r?\n/)){let o=/^\s*\[([^\]]+)\]/.exec(r);o&&(n=o[1].trim());let i=/^python_requires\s*[=:]\s*(.+?)\s*$/.exec(r);if(i&&n==="options")return{spec:i[1],file:"setup.cfg",minMinor:Z(i[1])}}}}import ye from"node:fs";import x from"node:path";var he=`
  __future__ __main__ _abc _aix_support _apple_support _ast _asyncio _bisect _blake2 _bootlocale
  _bootsubprocess _bz2 _codecs _codecs_cn _codecs_hk _codecs_iso2022 _codecs_jp _codecs_kr
  _codecs_tw _collections _collections_abc _colorize _compat_pickle _compression _contextvars
  _crypt _csv _ctypes _curses _curses_panel _datetime _dbm _decimal _dummy_thread _elementtree
  _frozen_importlib _frozen_importlib_external _functools _gdbm _hashlib _heapq _imp
  _interpchannels _interpqueues _interpreters _io _ios_support _json _locale _lsprof _lzma
  _markupbase _md5 _msi _multibytecodec _multiprocessing _opcode _opcode_metadata _operator
  _osx_support _overlapped _pickle _posixshmem _posixsubprocess _py_abc _pydatetime _pydecimal
  _pyio _pylong _pyrepl _queue _random _scproxy _sha1 _sha2 _sha256 _sha3 _sha512 _signal
  _sitebuiltins _socket _sqlite3 _sre _ssl _stat _statistics _string _strptime _struct
  _suggestions _symtable _sysconfig _testcapi _testinternalcapi _thread _threading_local
  _tkinter _tokenize _tracemalloc _typing _uuid _warnings _weakref _weakrefset _winapi _wmi
  _xxinterpchannels _xxsubinterpreters _zoneinfo abc aifc antigravity argparse array ast
  asynchat asyncio asyncore atexit audioop base64 bdb binascii binhex bisect builtins bz2
  cProfile calendar cgi cgitb chunk cmath cmd code codecs codeop collections colorsys compileall
  concurrent configparser contextlib contextvars copy copyreg crypt csv ctypes curses
  dataclasses datetime dbm decimal difflib dis distutils doctest dummy_threading email encodings
  ensurepip enum errno faulthandler fcntl filecmp fileinput fnmatch formatter fractions ftplib
  functools gc genericpath getopt getpass gettext glob graphlib grp gzip hashlib heapq hmac html
  http idlelib imaplib imghdr imp importlib inspect io ipaddress itertools json keyword lib2to3
  linecache locale logging lzma mailbox mailcap marshal math mimetypes mmap modulefinder msilib
  msvcrt multiprocessing netrc nis nntplib nt ntpath nturl2path numbers opcode operator optparse
  os ossaudiodev parser pathlib pdb pickle pickletools pipes pkgutil platform plistlib poplib
  posix posixpath pprint profile pstats pty pwd py_compile pyclbr pydoc pydoc_data pyexpat queue
  quopri random re readline reprlib resource rlcompleter runpy sched secrets select selectors
  shelve shlex shutil signal site smtpd smtplib sndhdr socket socketserver spwd sqlite3
  sre_compile sre_constants sre_parse ssl stat statistics string stringprep struct subprocess
  sunau symbol symtable sys sysconfig syslog tabnanny tarfile telnetlib tempfile termios
  textwrap this threading time timeit tkinter token tokenize tomllib trace traceback tracemalloc
  tty turtle turtledemo types typing unicodedata unittest urllib uu uuid venv warnings wave
  weakref webbrowser winreg winsound wsgiref xdrlib xml xmlrpc zipapp zipfile zipimport zlib
  zoneinfo
`,ge=new Set(he.split(/\s+/).filter(Boolean));function C(t){return ge.has(t)}function _(t,e){return G(x.relative(t,e))}var Q=new Map;function ee(t){let e=Q.get(t);if(e===void 0){try{e=ye.realpathSync(t)}catch{e=t}Q.set(t,e)}return e}function F(t,e,s,n,r){let o={...e,specifier:s,kind:"python-import",class:"file",target:_(t.root,n)};if(!k(t.root,n))return{...e,specifier:s,kind:"python-import",class:"outside-root",outsidePath:ee(n),reason:"resolves outside the root"};let i=ee(n);if(!k(t.realRoot,i))return{...e,specifier:s,kind:"python-import",class:"outside-root",outsidePath:i,symlink:_(t.root,n),reason:"a symlink leads outside the root"};if(r&&k(t.root,r)){let l=_(t.root,r);o.shadowedCandidates=[r.endsWith(x.sep)?`${l}/`:l]}return o}function se(t,e,s,n){switch(n.kind){case"package":return[F(t,e,s,n.init,n.shadowed)];case"module":return[F(t,e,s,n.file,n.shadowed)];case"extension":return[{...e,specifier:s,kind:"python-import",class:"unsupported",target:_(t.root,n.file),reason:"a compiled extension module: shipset reads only .py files"}];case"namespace":return[]}}function oe(t){if(t.kind==="package")return[t.dir];if(t.kind==="namespace")return t.dirs}function I(t,e){return e.kind==="package"?_(t.root,e.init):e.kind==="namespace"?e.dirs.map(s=>`${_(t.root,s)}/`).join(", "):_(t.root,e.file)}function te(t,e,s,n,r,o){let i=[],l=r,a=s,d;for(let p=0;p<n.length;p++){a=a&&!a.endsWith(".")?`${a}.${n[p]}`:`${a}${n[p]}`;let f=p===0&&o?o:t.finder.find(n[p],l);if(!f){let m=d?I(t,d):l.map(g=>`${_(t.root,g)||"."}/`).join(", ");return i.push({...e,specifier:a,kind:"python-import",class:"unresolved",reason:`no module named '${a}': nothing named ${n[p]}.py or ${n[p]}/ in ${m}`}),{edges:i}}i.push(...se(t,e,a,f));let h=oe(f);if(!h&&p<n.length-1){let m=f.kind==="module"&&f.shadowed?` (the folder ${_(t.root,f.shadowed)}/ has no __init__.py, so the module file wins)`:"";return i.push({...e,specifier:`${a}.${n[p+1]}`,kind:"python-import",class:"unresolved",reason:`'${a}' is the module ${I(t,f)}, not a package${m}`}),{edges:i}}d=f,l=h??[]}return{edges:i,last:d}}function ne(t,e,s,n,r){let o=oe(n);if(!o||!e.names)return[];let i=[];for(let l of e.names){if(l.name==="*")continue;let a=t.finder.find(l.name,o),d={from:r,line:l.line,column:l.column,...e.optional?{optional:!0}:{},...e.loadedBy?{loadedBy:e.loadedBy}:{}},p=s.endsWith(".")?`${s}${l.name}`:`${s}.${l.name}`;a?i.push(...se(t,d,p,a)):n.kind==="namespace"&&k(t.root,o[0])&&i.push({...d,specifier:p,kind:"python-import",class:"unresolved",reason:`'${s}' is a namespace folder (${I(t,n)}) with no __init__.py to define ${l.name}, and no ${l.name}.py or ${l.name}/ in it`})}return i}function ve(t,e,s){if(t.scriptEntries?.has(e))return{error:"attempted relative import with no known parent package (the entry runs as a script, __main__; run it with python -m to use relative imports)"};let n=x.dirname(e),r=t.packageRoots.find(l=>k(l,n)),o=r===void 0?0:x.relative(r,n).split(x.sep).filter(Boolean).length;if(o===0)return{error:"attempted relative import with no known parent package (the file is not inside a package folder)"};if(s>o)return{error:"attempted relative import beyond the top-level package"};let i=n;for(let l=1;l<s;l++)i=x.dirname(i);return{dir:i}}function ie(t,e,s){let n=_(t.root,e),r={from:n,line:s.line,column:s.column,...s.optional?{optional:!0}:{},...s.loadedBy?{loadedBy:s.loadedBy}:{}},o=s.module?s.module.split("."):[];if(s.level>0){let p=`${".".repeat(s.level)}${s.module}`,f=ve(t,e,s.level);if("error"in f)return[{...r,specifier:p,kind:"python-import",class:"unresolved",reason:f.error}];let h=[],m;if(o.length===0){let g=x.join(f.dir,"__init__.py");m=t.finder.isFile(g)?{kind:"package",init:g,dir:f.dir}:{kind:"namespace",dirs:[f.dir]},m.kind==="package"&&h.push(F(t,r,p,g))}else{let g=te(t,r,".".repeat(s.level),o,[f.dir]);h.push(...g.edges),m=g.last}return m&&h.push(...ne(t,s,p,m,n)),h}let i=o[0];if(!i)return[];let l=t.finder.find(i,t.roots);if(!l||l.kind==="namespace"&&C(i))return[{...r,specifier:s.module,kind:"python-import",class:C(i)?"builtin":"package",packageName:i}];C(i)&&l.kind!=="namespace"&&t.notices.add(`${I(t,l)} shadows the standard-library module '${i}': Python imports the project's file instead (rename it if that is not intended).`);let a=te(t,r,"",o,t.roots,l);if(l.kind==="namespace"&&!a.last)return[...a.edges.filter(f=>f.class!=="unresolved"),{...r,specifier:s.module,kind:"python-import",class:"package",packageName:i}];let d=a.edges;return a.last&&d.push(...ne(t,s,s.module,a.last,n)),d}var be=["pyproject.toml","setup.cfg","setup.py"];function re(t,e,s=n=>E.existsSync(n)){let n=[];for(let a=c.dirname(e);a!==t&&k(t,a)&&s(c.join(a,"__init__.py"));a=c.dirname(a))n.unshift(a);if(!n.length)return;let r=c.dirname(n[0]),o=n.map(a=>c.relative(r,a).split(c.sep).join(".")),i=c.basename(e,".py");return{name:i==="__init__"?o[o.length-1]:`${o[o.length-1]}.${i}`,searchRoot:r,packages:n.map((a,d)=>({name:o[d],init:c.join(a,"__init__.py")})).filter(a=>a.init!==e)}}function ke(t,e,s,n=new Map){let r=[],o=i=>{!r.includes(i)&&M(i)&&r.push(i)};for(let i of e)o(n.get(i)?.searchRoot??c.dirname(c.resolve(t,i)));for(let i of s)o(c.resolve(t,i));return o(t),we(t,e)&&o(c.join(t,"src")),r}function M(t){try{return E.statSync(t).isDirectory()}catch{return!1}}function we(t,e){let s=c.join(t,"src");return M(s)?e.some(n=>n.startsWith("src/"))?!0:be.some(n=>E.existsSync(c.join(t,n)))?E.readdirSync(s,{withFileTypes:!0}).some(n=>n.isDirectory()&&E.existsSync(c.join(s,n.name,"__init__.py"))||n.isFile()&&n.name.endsWith(".py")):!1:!1}async function lt(t){let e=c.resolve(t.root),s=u=>!u.endsWith(".py")||!t.isSourceFile||t.isSourceFile(_(e,u)),n=new R(s),r=new Set,o=new Map;for(let u of t.entries){let y=c.resolve(e,u);if(!E.existsSync(y))throw new O(`Python entry ${u} does not exist under ${e}. Pass a .py file relative to the root.`);if(t.mode==="script")continue;let w=re(e,y,v=>n.isFile(v));if(w)o.set(_(e,y),w),t.mode===void 0&&r.add(`${_(e,y)} is inside the package ${w.packages[0]?.name??w.name} (its folder has an __init__.py), so it was read as the module ${w.name}, as python -m, gunicorn, uvicorn and celery load it: imports are searched from ${_(e,w.searchRoot)||"."}/ and the package's __init__.py files ship. If it is run as a file (python3 ${_(e,y)}), pass --python-mode script.`);else if(t.mode==="module"){let v=_(e,y),N=v.replace(/\.py$/,"").split("/");N.length>1&&N.every(S=>/^[A-Za-z_]\w*$/.test(S))?o.set(v,{name:N.join("."),searchRoot:e,packages:[]}):N.length>1&&r.add(`${v} cannot be run with python -m (its path is not a dotted module name): it was read as a script.`)}}let i=t.entries.map(u=>_(e,c.resolve(e,u))),l=ke(e,i,t.pythonPath,o),a=l.filter(u=>u===e||!n.isFile(c.join(u,"__init__.py"))||!i.some(y=>!o.has(y)&&c.dirname(c.resolve(e,y))===u)).sort((u,y)=>y.length-u.length),d=new Set(t.mode==="script"?i.filter(u=>re(e,c.join(e,u),y=>n.isFile(y))).map(u=>c.join(e,u)):[]),p={root:e,realRoot:xe(e),roots:l,packageRoots:a,finder:n,notices:r,scriptEntries:d},f=await $.start(e,t.python,r),h=new Map,m=[...new Set(i)],g=new Set(m);try{for(;m.length;){let u=m.map(v=>Ne(e,v)),y=await f.judge(u),w=[];for(let v=0;v<u.length;v++){let N=Se(p,u[v],y[v],o.get(u[v].rel));h.set(N.path,N);for(let S of N.edges)S.class==="file"&&S.target&&!g.has(S.target)&&(g.add(S.target),w.push(S.target))}m=w}}finally{f.close()}J(e,h,p.roots);let D=B(e,new Set(h.keys()),t.include);return D&&r.add(D),{files:h,notices:[...r]}}function Ne(t,e){let s=c.join(t,e);try{return{rel:e,abs:s,bytes:E.readFileSync(s)}}catch(n){return{rel:e,abs:s,readError:L(n)}}}var Ee=/^invalid character|^invalid non-printable character|unicode error|codec can't decode|^unexpected indent|^unindent does not match|^expected an indented block|^inconsistent use of tabs|^unterminated|^unmatched|^closing parenthesis|was never closed|^'(?:return|yield|await|break|continue)' outside|^Missing parentheses in call to|^invalid (?:decimal|hexadecimal|octal|binary) literal|^source code (?:string )?cannot contain null bytes/,$=class t{constructor(e,s,n){this.root=e;this.cpython=s;this.notices=n}root;cpython;notices;distrusted=new Map;declarations=new Map;static async start(e,s,n){let r=s===!1?void 0:await T.start(s??"python3");if(!r){let o=j(e);n.add(`No Python 3 found (python3 on PATH): syntax was checked with shipset's built-in Python grammar, which misses some valid forms and some errors CPython reports. Install Python 3${o?.minMinor!==void 0?`.${o.minMinor} or newer`:""} where shipset runs (actions/setup-python) for CPython's own verdict.`)}return new t(e,r,n)}requiresFor(e){return X(this.root,e,this.declarations)}async judge(e){let s=e.filter(o=>o.bytes),n=new Map(s.map(o=>[o,this.requiresFor(o.rel)])),r;if(this.cpython){let o=new Map;for(let i of s){let l=n.get(i)?.minMinor;o.set(l,[...o.get(l)??[],i])}try{let i=await Promise.all([...o].map(async([l,a])=>({group:a,verdicts:await this.cpython.analyze(a.map(d=>({name:d.rel,source:d.bytes})),l)})));r=new Map(i.flatMap(({group:l,verdicts:a})=>l.map((d,p)=>[d,a[p]])))}catch(i){this.notices.add(`python3 stopped while checking syntax (${i.message}): the remaining files were checked with shipset's built-in Python grammar.`)}}for(let o of s){if(o.parsed=r?.get(o)?.parsed,o.parsed)continue;let i=n.get(o)?.minMinor;o.parsed=U(o.bytes.toString("utf8"),i!==void 0?{minMinor:i}:{})}return e.map(o=>{if(o.readError!==void 0)return{file:o.rel,line:1,column:1,message:`cannot be read: ${o.readError}`};let i=o.parsed.error;if(!r)return i&&{file:o.rel,...i};let l=r.get(o)?.error;if(!l)return;let a=n.get(o);if(a?.minMinor!==void 0&&a.minMinor>this.cpython.version[1]&&!i&&!Ee.test(l.message)){this.distrust(o.rel,a);return}return{file:o.rel,...l}})}distrust(e,s){let n=this.distrusted.get(s.file)??{requires:s,files:[]};n.files.push(e),this.distrusted.set(s.file,n);let r=this.cpython.version,o=`The local python3 is ${r[0]}.${r[1]}, older than requires-python ${s.spec} in ${s.file}:`;for(let l of[...this.notices])l.startsWith(o)&&this.notices.delete(l);let i=n.files.slice(0,5).join(", ")+(n.files.length>5?", ...":"");this.notices.add(`${o} it rejects ${n.files.length} file(s) (${i}) that may use newer syntax, so shipset's built-in grammar judged them instead. Run shipset with Python 3.${s.minMinor} or newer for CPython's verdict.`)}close(){this.cpython?.close()}};function Se(t,e,s,n){let{rel:r,abs:o}=e,i={path:r,language:"python",edges:[],dynamic:[]};if(s)return i.parseError=s,i;let l=e.parsed;if(n)for(let d of n.packages)i.edges.push({from:r,specifier:d.name,line:1,column:1,kind:"python-import",class:"file",target:_(t.root,d.init),loadedBy:`python -m ${n.name}`});let a=[...l.pathChanges];for(let d of l.imports){for(;a.length&&(a[0].line<d.line||a[0].line===d.line&&a[0].column<d.column);)ae(t,r,a.shift());i.edges.push(...ie(t,o,d))}for(let d of a)ae(t,r,d);return i.dynamic=l.dynamic.map(d=>({file:r,...d})),i}function ae(t,e,s){let n=`${e}:${s.line}`;if(s.path===void 0||s.base===void 0){t.notices.add(`${n} changes sys.path with ${s.expression}, which shipset cannot evaluate without running code: imports from that folder may be reported as unresolved or undeclared. Name the folder with --python-path (python-path in the config).`);return}let r=s.base==="cwd"?t.root:c.dirname(c.join(t.root,e)),o=c.resolve(r,s.path),i=_(t.root,o)||".";if(!k(t.root,o)||!M(o)){t.notices.add(`${n} adds ${s.expression} to sys.path, which is ${k(t.root,o)?"not a folder":"outside the root"}: shipset does not search it.`);return}if(t.roots.includes(o))return;s.position==="front"?t.roots.unshift(o):t.roots.push(o),t.packageRoots.push(o),t.packageRoots.sort((a,d)=>d.length-a.length);let l=s.base==="cwd"?" (a relative path: read from the root, the working directory shipset assumes)":"";t.notices.add(`${n} puts ${i}/ on sys.path${l}: the imports after it also search there, and so does shipset.`)}function xe(t){try{return E.realpathSync(t)}catch{return t}}export{lt as buildPythonGraph,ke as importRoots,re as moduleEntryOf};
