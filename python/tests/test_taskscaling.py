"""Tests of the taskscaling Python package against the real command (unittest, standard library only).

The command is $TASKSCALING_CLI (./test.sh sets it to the built TaskScaling.Cli.dll), else `taskscaling` on PATH.
"""
import os
import subprocess
import sys
import tempfile
import unittest
import venv

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE = os.path.dirname(HERE)
sys.path.insert(0, PACKAGE)

import taskscaling  # noqa: E402
from taskscaling import TaskScalingError, ladder, skills  # noqa: E402
from taskscaling._cli import arguments, Repeated  # noqa: E402


class Arguments(unittest.TestCase):
    def test_options_become_words(self):
        self.assertEqual(arguments({"target": ["7B-4T", "13B-5T"], "params": 7e10, "level": None, "no_analyses": True,
                                    "flops_per_token": False, "table": Repeated(["a.csv", "b.csv"])}),
                         ["--target", "7B-4T", "13B-5T", "--params", "70000000000.0", "--no-analyses",
                          "--table", "a.csv", "--table", "b.csv"])


class Ladder(unittest.TestCase):
    def test_predict_both_targets_as_records(self):
        records = ladder.predict(tasks=["mmlu", "piqa"], as_frame=False)
        self.assertEqual([(r["target"], r["task"]) for r in records],
                         [("7B-4T", "mmlu"), ("7B-4T", "piqa"), ("13B-5T", "mmlu"), ("13B-5T", "piqa")])
        for r in records:
            # Fractions, and the absolute error is |predicted - actual| (the machine-output contract).
            self.assertTrue(0 < r["predicted"] < 1 and 0 < r["actual"] < 1)
            self.assertAlmostEqual(r["absoluteError"], abs(r["predicted"] - r["actual"]), delta=1e-12)
        self.assertEqual(records[2]["params"], 13_202_396_160)

    def test_hypothetical_target_with_units(self):
        (r,) = ladder.predict(params="70B", tokens="15T", tasks=["mmlu"], as_frame=False)
        self.assertEqual((r["params"], r["tokens"]), (70e9, 15e12))
        self.assertNotIn("actual", r)

    def test_a_user_error_raises_with_the_tools_message(self):
        with self.assertRaises(TaskScalingError) as caught:
            ladder.predict(ladder="no-such-ladder.json", as_frame=False)
        self.assertIn("no-such-ladder.json", str(caught.exception))
        self.assertEqual(caught.exception.file, "no-such-ladder.json")
        with self.assertRaises(TaskScalingError) as caught:
            ladder.predict(params=70, tokens="15T", as_frame=False)
        self.assertIn("70B", caught.exception.message)

    def test_backtest_when_the_command_exists(self):
        help_run = subprocess.run(taskscaling._cli.command() + ["ladder", "--help"], capture_output=True, text=True)
        if not any(line.split()[:1] == ["backtest"] for line in help_run.stdout.splitlines()):
            self.skipTest("this build has no `ladder backtest` (issue 15 adds it)")
        result = ladder.backtest(as_frame=False)
        self.assertTrue(result)


class Skills(unittest.TestCase):
    def test_predict_and_fit(self):
        records = skills.predict("meta-llama-3", "70B", "15T", d=2, set="v2", seeds=2, as_frame=False)
        self.assertEqual(len(records), 6)
        self.assertTrue(all(r["params"] == 70e9 and r["tokens"] == 15e12 for r in records))
        self.assertTrue(all(0 <= r["lower"] <= r["score"] <= r["upper"] <= 1 for r in records))
        fit = skills.fit(d=1)
        self.assertEqual(fit["skills"], 1)
        self.assertLess(fit["monotone"]["trainingMae"], 0.1)   # a fraction, not points

    def test_targets_file_and_benchmarks(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "targets.csv")
            with open(path, "w") as f:
                f.write("family,params,tokens\nmeta-llama-3,8B,15T\nqwen2,7B,7T\n")
            records = skills.predict(targets=path, benchmarks=["IFEval", "BBH"], d=1, seeds=2, method="sloth-basic", as_frame=False)
        self.assertEqual([(r["family"], r["benchmark"]) for r in records],
                         [("meta-llama-3", "IFEval"), ("meta-llama-3", "BBH"), ("qwen2", "IFEval"), ("qwen2", "BBH")])
        self.assertEqual(records[2]["params"], 7e9)

    def test_unknown_family_raises(self):
        with self.assertRaises(TaskScalingError) as caught:
            skills.predict("no-such-family", "7B", "2T", as_frame=False)
        self.assertIn("no-such-family", str(caught.exception))


SCRIPT = """\
import taskscaling
records = taskscaling.ladder.predict(tasks=["mmlu", "arc_easy"], as_frame=False)
print(len(records), sorted({r["target"] for r in records}))
try: import pandas; print(taskscaling.ladder.predict(tasks=["mmlu", "arc_easy"])[["target", "task", "predicted", "actual"]])
except ImportError: print("pandas is not installed: records only")
"""


class FreshInstall(unittest.TestCase):
    """The acceptance: `pip install ./python` into a new virtual environment, then a five-line script predicts both
    targets (records; and a DataFrame when pandas is there, seen through the system's site packages)."""

    def test_pip_install_then_a_five_line_script(self):
        with tempfile.TemporaryDirectory() as tmp:
            env_dir = os.path.join(tmp, "venv")
            venv.EnvBuilder(with_pip=True, system_site_packages=True).create(env_dir)
            python = os.path.join(env_dir, "bin", "python")
            install = subprocess.run([python, "-m", "pip", "install", "--no-index", "--quiet", PACKAGE],
                                     capture_output=True, text=True, cwd=tmp)
            self.assertEqual(install.returncode, 0, install.stdout + install.stderr)
            self.assertEqual(len(SCRIPT.strip().splitlines()), 5)
            run = subprocess.run([python, "-c", SCRIPT], capture_output=True, text=True, cwd=tmp)
            self.assertEqual(run.returncode, 0, run.stderr)
            lines = run.stdout.splitlines()
            self.assertEqual(lines[0], "4 ['13B-5T', '7B-4T']")
            try:
                import pandas  # noqa: F401
                self.assertIn("predicted", lines[1])
                self.assertEqual(sum("mmlu" in line for line in lines), 2)
            except ImportError:
                self.assertEqual(lines[1], "pandas is not installed: records only")


if __name__ == "__main__":
    unittest.main()
