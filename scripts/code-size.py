#!/usr/bin/env python3
"""Size figures for the engine's code (issue 14's "small units"): the classes with the most public
methods and the longest functions. A heuristic on clang-formatted code, not a parser: a function is
a body opened by a line ending in '{' whose text has a parameter list, counted to its closing brace.
Usage: scripts/code-size.py [FOLDER] [--top N]"""
import re
import sys
from pathlib import Path


def strip(line, state):
    """The line without comments and string contents; state carries an open /* comment."""
    out, i = [], 0
    while i < len(line):
        if state["block"]:
            end = line.find("*/", i)
            if end < 0:
                return "".join(out)
            state["block"], i = False, end + 2
            continue
        c = line[i]
        if line.startswith("//", i):
            break
        if line.startswith("/*", i):
            state["block"], i = True, i + 2
            continue
        if c in "\"'":
            j = i + 1
            while j < len(line) and line[j] != c:
                j += 2 if line[j] == "\\" else 1
            out.append(c + c)
            i = j + 1
            continue
        out.append(c)
        i += 1
    return "".join(out)


HEAD = re.compile(r"\)\s*(const)?\s*(noexcept)?\s*(override)?\s*(->\s*[\w:<>]+\s*)?\{$")
KEYWORDS = ("if", "for", "while", "switch", "catch", "else", "do", "return", "[")


def functions(path):
    state = {"block": False}
    lines = [strip(l.rstrip("\n"), state) for l in path.open(encoding="utf-8", errors="replace")]
    result = []
    i = 0
    while i < len(lines):
        text = lines[i].strip()
        if HEAD.search(text) and not text.startswith(KEYWORDS) and "=" not in text.split("(")[0]:
            # the signature may start on earlier lines
            name_line = i
            while name_line > 0 and "(" not in lines[name_line] and lines[name_line - 1].strip():
                name_line -= 1
            depth, j = 0, i
            while j < len(lines):
                depth += lines[j].count("{") - lines[j].count("}")
                if depth <= 0:
                    break
                j += 1
            name = re.sub(r"\s+", " ", lines[name_line].strip())[:90]
            result.append((j - i + 1, f"{path}:{i + 1}", name))
            i = j + 1
            continue
        i += 1
    return result


def classes(path):
    state = {"block": False}
    lines = [strip(l.rstrip("\n"), state) for l in path.open(encoding="utf-8", errors="replace")]
    result = []
    for i, line in enumerate(lines):
        m = re.match(r"^(\s*)(class|struct) (\w+)[^;]*\{$", line)
        if not m:
            continue
        indent, kind, name = len(m.group(1)), m.group(2), m.group(3)
        public = kind == "struct"
        count, total, depth = 0, 0, 0
        for body in lines[i:]:
            depth += body.count("{") - body.count("}")
            s = body.strip()
            if len(body) - len(body.lstrip()) == indent + 1 and s.endswith(":"):
                public = s.startswith("public")
            elif (depth == 1 + (1 if s.endswith("{") else 0) and "(" in s
                  and not s.startswith(("//", "using", "friend", "return")) and len(body) - len(body.lstrip()) == indent + 2):
                total += 1
                count += 1 if public else 0
            if depth <= 0 and body is not lines[i]:
                break
        result.append((count, f"{path}:{i + 1}", f"{kind} {name} ({total} methods in all)"))
    return result


def main():
    args = sys.argv[1:]
    top = 12
    if "--top" in args:
        k = args.index("--top")
        top = int(args[k + 1])
        del args[k:k + 2]
    root = Path(args[0] if args else "engine")
    files = sorted(p for p in root.rglob("*") if p.suffix in (".cpp", ".hpp"))
    funcs = [f for p in files for f in functions(p)]
    klass = [c for p in files if p.suffix == ".hpp" for c in classes(p)]
    funcs.sort(reverse=True)
    klass.sort(reverse=True)
    print(f"{len(files)} files, {len(funcs)} functions, {len(klass)} classes and structs")
    print(f"functions over 80 lines: {sum(1 for f in funcs if f[0] > 80)}; over 50: {sum(1 for f in funcs if f[0] > 50)}")
    print(f"classes over 25 public methods: {sum(1 for c in klass if c[0] > 25)}")
    print(f"\nlongest functions (lines):")
    for n, where, name in funcs[:top]:
        print(f"  {n:4d}  {where}  {name}")
    print(f"\nmost public methods:")
    for n, where, name in klass[:top]:
        print(f"  {n:4d}  {where}  {name}")


if __name__ == "__main__":
    main()
