"""Runs a program and compares its standard output with an expected file.

    check_output.py EXPECTED PROGRAM [ARGS...]
"""
import difflib
import subprocess
import sys

expected_path, *command = sys.argv[1:]
got = subprocess.run(command, capture_output=True, text=True, timeout=60)
with open(expected_path, encoding="utf-8") as f:
    expected = f.read()
if got.returncode != 0 or got.stdout != expected:
    sys.stdout.writelines(difflib.unified_diff(expected.splitlines(True), got.stdout.splitlines(True),
                                               expected_path, "actual"))
    print(f"exit status {got.returncode}; stderr: {got.stderr}")
    sys.exit(1)
print("ok")
