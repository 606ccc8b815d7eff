"""Nothing lost: a corpus with bad files among good ones is read whole and
every problem is listed; a run that is interrupted (SIGINT, SIGTERM) or
runs out of space (`ulimit -f`, a full file system) leaves the previous
outputs byte for byte as they were, and no temporary file behind.

Run by meson with NG_BIN and NG_SOURCE_ROOT set.
"""
import json
import os
import resource
import shutil
import signal
import subprocess
import tempfile
import time
import unittest

BIN = os.environ["NG_BIN"]
SEEDS = os.path.join(os.environ["NG_SOURCE_ROOT"], "seeds")
SEED = os.path.join(SEEDS, sorted(os.listdir(SEEDS))[0])

EXIT_PARTIAL, EXIT_OUTPUT = 1, 5
OUTPUTS = ("g.json", "g.graphml", "g.dot")


class Case(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="ng-lost-")
        self.addCleanup(shutil.rmtree, self.dir)  # after any later cleanup

    def path(self, *parts):
        return os.path.join(self.dir, *parts)

    def write(self, name, data):
        with open(self.path(name), "wb") as f:
            f.write(data)
        return self.path(name)

    def previous_outputs(self, directory=None):
        """Writes distinct old contents to every output; returns them."""
        directory = directory or self.dir
        old = {}
        for name in OUTPUTS:
            old[name] = f"previous {name}\n".encode()
            with open(os.path.join(directory, name), "wb") as f:
                f.write(old[name])
        return old

    def assert_untouched(self, old, directory=None):
        directory = directory or self.dir
        for name, data in old.items():
            with open(os.path.join(directory, name), "rb") as f:
                self.assertEqual(f.read(), data, name)
        self.assertEqual([n for n in os.listdir(directory) if n.startswith(".")], [],
                         "temporary files left behind")

    def output_args(self, directory=None):
        return sum((["-o", os.path.join(directory or self.dir, n)] for n in OUTPUTS), [])


class BadFilesAmongGood(Case):
    def test_every_problem_is_listed_and_every_good_document_read(self):
        os.mkdir(self.path("in"))
        self.write("in/a.txt", b"Kim Jong Un met Vladimir Putin.\n")
        self.write("in/b.txt", b"Russia sanctioned Iran\xff today.\n")
        self.write("in/c.bin", bytes(range(256)) * 4)
        self.write("in/d.txt", b"")
        os.symlink("nowhere", self.path("in/e.txt"))
        self.write("in/f.jsonl", b'{"id": "r1", "text": "Putin visited Pyongyang."}\n'
                                 b'{"id": \n'
                                 b'{"id": "r3", "text": "China supplied Russia."}\n')
        os.mkdir(self.path("in/g"))
        self.write("in/g/h.txt", b"Kim visited Russia.\n")
        out = self.path("g.json")
        p = subprocess.run([BIN, "extract", self.path("in"), "-o", out],
                           capture_output=True, timeout=120)
        self.assertEqual(p.returncode, EXIT_PARTIAL, p.stderr)
        err = p.stderr.decode()
        # one line per problem, with the file and where in it
        for where in ("in/b.txt:1:23: warning:", "first at byte 22", "in/c.bin: warning: binary",
                      "in/d.txt: warning: empty", "in/e.txt: No such file", "in/f.jsonl:2:"):
            self.assertIn(where, err)
        self.assertEqual(len(err.splitlines()), 5, err)
        with open(out, encoding="utf-8") as f:
            docs = [d["doc"] for d in json.load(f)["graph"]["metadata"]["documents"]]
        self.assertEqual(docs, ["a.txt", "b.txt", "r1", "r3", "h.txt"])


def catches(pid, signo):
    """Whether the process has a handler installed for signo."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("SigCgt:"):
                return bool(int(line.split()[1], 16) >> (signo - 1) & 1)
    return False


def reads_a_pipe(pid):
    """Whether a thread of the process is blocked reading a pipe (its
    standard input here), by the kernel's wait channel."""
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/wchan") as f:
                if "pipe_read" in f.read():
                    return True
        except OSError:
            pass
    return False


def wait_until(predicate, what):
    """Polls for a state of the child that it reaches on its own."""
    deadline = time.monotonic() + 60
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting until {what}")
        time.sleep(0.01)


class Interrupted(Case):
    def start_blocked(self):
        """Starts extract on a seed file and then standard input, which
        this test holds open: the run cannot end before the test lets it.
        Returns once its signal handlers are installed and it waits for
        standard input (a signal that came earlier, between the seed file
        and standard input, would end the run at once)."""
        proc = subprocess.Popen([BIN, "extract", SEED, "-", *self.output_args()],
                                stdin=subprocess.PIPE, stderr=subprocess.PIPE)
        self.addCleanup(proc.stderr.close)
        wait_until(lambda: catches(proc.pid, signal.SIGINT), "SIGINT is caught")
        wait_until(lambda: reads_a_pipe(proc.pid), "standard input is read")
        return proc

    def check_stops(self, signo, code):
        old = self.previous_outputs()
        proc = self.start_blocked()
        os.kill(proc.pid, signo)
        proc.stdin.write(b"Kim Jong Un met Vladimir Putin.\n")
        proc.stdin.close()
        self.assertEqual(proc.wait(timeout=120), code)
        self.assertIn(b"interrupted by", proc.stderr.read())
        self.assert_untouched(old)

    def test_sigint_writes_nothing_and_exits_130(self):
        self.check_stops(signal.SIGINT, 130)

    def test_sigterm_writes_nothing_and_exits_143(self):
        self.check_stops(signal.SIGTERM, 143)

    def test_second_signal_ends_the_run_at_once(self):
        old = self.previous_outputs()
        proc = self.start_blocked()
        os.kill(proc.pid, signal.SIGINT)
        # the handler is one-shot: once it has run, SIGINT is no longer caught
        wait_until(lambda: not catches(proc.pid, signal.SIGINT), "the first SIGINT is handled")
        os.kill(proc.pid, signal.SIGINT)
        self.assertEqual(proc.wait(timeout=120), -signal.SIGINT)  # stdin is still open
        proc.stdin.close()
        self.assert_untouched(old)


def file_size_limit(limit):
    return lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


class OutOfSpace(Case):
    def test_file_size_limit_keeps_previous_outputs(self):
        old = self.previous_outputs()
        p = subprocess.run([BIN, "extract", SEEDS, *self.output_args()], capture_output=True,
                           preexec_fn=file_size_limit(16384), timeout=120)
        self.assertEqual(p.returncode, EXIT_OUTPUT, p.stderr)
        self.assertIn(b"File too large", p.stderr)
        self.assert_untouched(old)

    def test_full_file_system_keeps_previous_outputs(self):
        fs = self.path("small")
        os.mkdir(fs)
        size = 32768
        mount = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", fs],
                               capture_output=True)
        if mount.returncode != 0:
            self.skipTest("cannot mount a tmpfs here: " + mount.stderr.decode().strip())
        self.addCleanup(subprocess.run, ["umount", fs], check=True)
        # each output of the seeds is bigger than the file system
        self.assertEqual(subprocess.run([BIN, "extract", SEEDS, *self.output_args()],
                                        timeout=120).returncode, 0)
        for name in OUTPUTS:
            self.assertGreater(os.path.getsize(self.path(name)), size, name)
        old = self.previous_outputs(fs)
        p = subprocess.run([BIN, "extract", SEEDS, *self.output_args(fs)], capture_output=True,
                           timeout=120)
        self.assertEqual(p.returncode, EXIT_OUTPUT, p.stderr)
        self.assertIn(b"No space left on device", p.stderr)
        self.assert_untouched(old, fs)


if __name__ == "__main__":
    unittest.main(verbosity=2)
