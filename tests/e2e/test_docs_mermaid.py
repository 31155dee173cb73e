"""What the kernel's `trace mermaid` and `trace boot` print renders in the
real renderer (mermaid-cli's mermaid in Debian's chromium, as `make docs`
does), and a broken diagram is refused by it. The docs' own diagrams are
rendered by the book's build (test_docs_book.py), which fails naming the
file and line of a diagram that does not render."""
import os
import re
import sys
import tempfile
from qemu import Machine, ROOT

sys.path.insert(0, os.path.join(ROOT, "tools"))
import docs  # noqa: E402

# A diagram the renderer must refuse: proves the check is not vacuous.
BROKEN = "sequenceDiagram\n    A->>B: one; two\n"


def test_trace_mermaid_output_renders():
    with Machine() as m:
        m.wait_ready()
        m.run("trace start")
        out = m.run("kthread create traced")
        pid = re.search(r"is PID (\d+)", out).group(1)
        m.run(f"kthread stop {pid}", timeout=30)
        m.run("trace stop")
        flow = m.run("trace mermaid")
        boot = m.run("trace boot")
    assert flow.startswith("sequenceDiagram") and boot.startswith("sequenceDiagram")
    with tempfile.TemporaryDirectory() as out:
        result, raw = docs.render_mermaid([("trace mermaid", flow, "flow.svg"),
                                           ("trace boot", boot, "boot.svg"),
                                           ("broken", BROKEN, "broken.svg")], out)
        assert "Parse error on line 2" in result.pop("broken"), raw[-2000:]
        assert result == {"trace mermaid": "ok", "trace boot": "ok"}, (result, raw[-2000:])
        svg = open(os.path.join(out, "flow.svg")).read()
        assert "kthreadd" in svg and f"kernel_thread(): new task PID {pid}" in svg
        assert "start_kernel()" in open(os.path.join(out, "boot.svg")).read()
