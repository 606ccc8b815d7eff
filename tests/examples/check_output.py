"""Runs a program and compares its standard output with an expected file.

    check_output.py [--lines] EXPECTED PROGRAM [ARGS...]

The output must equal EXPECTED; with --lines, it must hold every line of
EXPECTED, in any order (for programs whose output grows as the extractor
learns more).
"""
import difflib
import subprocess
import sys

args = sys.argv[1:]
some_lines = args[0] == "--lines"
expected_path, *command = args[1:] if some_lines else args
got = subprocess.run(command, capture_output=True, text=True, timeout=60)
with open(expected_path, encoding="utf-8") as f:
    expected = f.read()
if some_lines:
    missing = [line for line in expected.splitlines() if line not in got.stdout.splitlines()]
    if got.returncode != 0 or missing:
        print("missing lines:", *missing, sep="\n  ")
        print(f"exit status {got.returncode}; output:\n{got.stdout}stderr: {got.stderr}")
        sys.exit(1)
elif got.returncode != 0 or got.stdout != expected:
    sys.stdout.writelines(difflib.unified_diff(expected.splitlines(True), got.stdout.splitlines(True),
                                               expected_path, "actual"))
    print(f"exit status {got.returncode}; stderr: {got.stderr}")
    sys.exit(1)
print("ok")
