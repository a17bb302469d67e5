// The facts parse.ts reads from a file (imports, dynamic sites, sys.path changes), read by CPython
// from the tree ast.parse already built for the syntax verdict: the same rules as parse.ts, over
// CPython's own tree instead of the @lezer/python one. Positions are converted to parse.ts's
// units: 1-based line, 1-based column in UTF-16 code units (CPython's col_offset counts UTF-8
// bytes). Text tests that parse.ts makes on source slices (runtime guards, TYPE_CHECKING, the
// quoted contents of string literals, expression texts) are made on the same slices here.
// Where the grammar misreads valid Python, this reads what CPython runs: a parenthesized call
// argument (`import_module(("x"))` imports x; the grammar sees a dynamic site).
// A file this cannot read exactly as parse.ts would (not UTF-8, lone carriage returns, Python
// older than 3.10: no positions on import names) gets no answer, and the grammar reads it.
// Speed: only statements are walked, and expressions only on lines holding a word of a callee
// parse.ts reads (import_module, sys.path.insert, ...).

/**
 * Python source defining `extract(source: bytes, tree: ast.Module) -> dict | None`, the
 * ParsedPython of a file CPython accepted (no `error`), or None when it cannot answer.
 * Appended to the checker script that cpython.ts runs; it imports only `ast` and `re`.
 */
export const EXTRACTOR = String.raw`
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
`;
