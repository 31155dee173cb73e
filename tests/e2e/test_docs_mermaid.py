"""Every mermaid diagram in README.md and docs/ renders in the real renderer
(mermaid-cli's mermaid in Debian's chromium, as `make docs` does), and so
does what the kernel's `trace mermaid` and `trace boot` print: a diagram a
reader's browser would refuse fails here with its file and line."""
import os
import re
import sys
import tempfile
from qemu import Machine, ROOT

sys.path.insert(0, os.path.join(ROOT, "tools"))
import docs  # noqa: E402

# A diagram the renderer must refuse: proves the check is not vacuous.
BROKEN = "sequenceDiagram\n    A->>B: one; two\n"


def words(text):
    """Participant names and message words that must reach the SVG."""
    return set(re.findall(r"participant \w+ as ([A-Za-z_]\w{3,})", text))


def test_every_doc_diagram_renders_to_svg():
    blocks = docs.all_blocks("mermaid")
    assert len(blocks) > 20, "the mermaid blocks were not found"
    items = [(b.where(-1), "\n".join(b.lines) + "\n", docs.svg_name(b)) for b in blocks]
    items.append(("broken", BROKEN, "broken.svg"))
    with tempfile.TemporaryDirectory() as out:
        result, raw = docs.render_mermaid(items, out)
        assert "Parse error on line 2" in result["broken"], (result["broken"], raw[-2000:])
        bad = [f"{n}: {e}" for n, e in result.items() if n != "broken" and e != "ok"]
        assert not bad, "diagrams that do not render:\n" + "\n".join(bad)
        for name, text, svg in items[:-1]:
            got = open(os.path.join(out, svg)).read()
            assert got.startswith("<svg") and len(got) > 2000, name
            for w in words(text):
                assert w in got, (name, w)


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
                                           ("trace boot", boot, "boot.svg")], out)
        assert result == {"trace mermaid": "ok", "trace boot": "ok"}, (result, raw[-2000:])
        svg = open(os.path.join(out, "flow.svg")).read()
        assert "kthreadd" in svg and f"kernel_thread(): new task PID {pid}" in svg
        assert "start_kernel()" in open(os.path.join(out, "boot.svg")).read()
