#!/usr/bin/env python3
"""signature.py REPORT.json: the divergence signature of one tracediff report.

Prints one line: `equivalent`, or `TASK SYSCALL CLASS` of the first divergence
(the root cause tracediff names), or `error REASON` when the report says the
comparison itself failed.  Used by ci/bisect-step.sh and the harness's tests.
Exit status 0, or 2 when the file is not a tracediff/1 report.
"""
import json
import sys


def main():
    if len(sys.argv) != 2:
        print("usage: signature.py REPORT.json", file=sys.stderr)
        return 2
    try:
        with open(sys.argv[1]) as f:
            r = json.load(f)
    except (OSError, ValueError) as e:
        print("signature.py: %s: %s" % (sys.argv[1], e), file=sys.stderr)
        return 2
    if r.get("schema") != "tracediff/1":
        print("signature.py: %s: not a tracediff/1 report" % sys.argv[1], file=sys.stderr)
        return 2
    if r.get("error"):
        print("error %s" % r["error"])
        return 0
    divs = r.get("divergences") or []
    first = r.get("first")
    if r.get("verdict") == "equivalent" or not divs or first is None:
        print("equivalent")
        return 0
    d = divs[first]
    print("%s %s %s" % (d.get("task") or "-", d.get("syscall") or "-", d.get("class") or "-"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
