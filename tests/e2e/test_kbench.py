"""kbench (modules/kbench.c), the benchmark that also builds as a Linux
module, in its quickest setting: `insmod kbench` must print every figure,
each with a value or the reason it is missing, as lines and as JSON, and
the parameters given on the kernel command line (kbench.reps=...) must
reach it, as they reach a built-in module in Linux. No timing is checked:
tools/bench/ measures; this only proves the benchmark still runs."""
import json
import re
from qemu import Machine

FIGURES = ["create_first_run", "create_return", "lifecycle", "stop_sleeping",
           "wake_latency", "switch", "churn_create", "churn_stop", "mem_per_kthread",
           "switch_at_scale_blocked_0", "switch_at_scale_blocked_100",
           "switch_at_scale_runnable_0", "switch_at_scale_runnable_100"]


def run_kbench(cmdline):
    with Machine(cmdline=cmdline) as m:
        m.wait_ready()
        out = m.run("insmod kbench", timeout=120)
        m.run("lsmod")
        return out, m.output


def test_kbench_quick_prints_every_figure():
    out, _ = run_kbench("kbench.quick kbench.reps=7")
    assert "kbench: done" in out, out[-3000:]
    result = json.loads("".join(re.findall(r"kbench-json: (.*)", out)))
    assert result["reps"] == 7, result          # the command line reached it
    figs = result["figures"]
    for name in FIGURES:
        assert name in figs, (name, sorted(figs))
        fig = figs[name]
        if "missing" in fig:                        # said why, never made up
            assert fig["missing"], fig
            continue
        value = fig.get("median", fig.get("value"))
        assert value and value > 0, (name, fig)
    # Every line has its JSON twin.
    for name in figs:
        assert re.search(rf"kbench: figure={name} unit=\S+ ", out), name
    # A waiting kthread holds at least its 16 KiB stack.
    mem = figs["mem_per_kthread"]
    assert mem["value"] >= 16384 and mem["stack"] == 16384, mem


def test_unknown_module_parameter_is_reported():
    with Machine(cmdline="kbench.nosuch=1 kbench.reps=x") as m:
        m.wait_ready()
        log = m.output
    assert re.search(r'Unknown kernel command line parameters "[^"]*kbench\.nosuch=1', log), \
        log[-3000:]
    assert "kbench.reps: invalid value 'x'" in log, log[-3000:]
