#!/usr/bin/env python3
"""The baseline a user would otherwise write: load an OTLP JSON trace with the json module, take
the spans whose name contains "reconcil", group them per (service, controller, object), compute
end-to-start gaps and a periodogram of reconcile starts with numpy (and scipy's Lomb-Scargle on
the binned counts where scipy is installed). Prints a short summary; used by scripts/bench for
the speed comparison, not by the tool.

usage: bench-baseline.py TRACE.json
"""
import json
import sys
from collections import defaultdict

import numpy as np

try:
    from scipy.signal import lombscargle
except ImportError:  # scipy is optional
    lombscargle = None


def attrs(span):
    out = {}
    for kv in span.get("attributes", []):
        v = kv.get("value", {})
        for k in ("stringValue", "intValue", "doubleValue", "boolValue"):
            if k in v:
                out[kv["key"]] = v[k]
    return out


def documents(path):
    with open(path) as f:
        text = f.read()
    try:
        yield json.loads(text)
    except json.JSONDecodeError:
        for line in text.splitlines():
            if line.strip():
                yield json.loads(line)


def main(path):
    streams = defaultdict(list)
    for doc in documents(path):
        for rs in doc.get("resourceSpans", []):
            service = "unknown_service"
            for kv in rs.get("resource", {}).get("attributes", []):
                if kv["key"] == "service.name":
                    service = kv["value"].get("stringValue", service)
            for ss in rs.get("scopeSpans", []):
                for s in ss.get("spans", []):
                    if "reconcil" not in s.get("name", "").lower():
                        continue
                    a = attrs(s)
                    key = (service, a.get("controller", ""),
                           a.get("k8s.namespace.name", "") + "/" + a.get("k8s.object.name", ""))
                    streams[key].append((int(s["startTimeUnixNano"]), int(s["endTimeUnixNano"])))
    peaks = 0
    for key, rs in streams.items():
        rs.sort()
        t = np.array(rs, dtype=np.int64)
        if len(t) < 3:
            continue
        gaps = (t[1:, 0] - t[:-1, 1]) / 1e9
        starts = (t[:, 0] - t[0, 0]) / 1e9
        counts, _ = np.histogram(starts, bins=max(8, int(starts[-1]) + 1))
        power = np.abs(np.fft.rfft(counts - counts.mean())) ** 2
        if lombscargle is not None:
            freqs = np.linspace(0.01, 3.0, 1000)
            x = np.arange(len(counts), dtype=float)
            lombscargle(x, counts - counts.mean(), freqs)
        peaks += int(np.argmax(power[1:]) + 1) if len(power) > 1 else 0
        np.median(gaps)
    print(f"{len(streams)} streams, {sum(len(v) for v in streams.values())} reconciles")


if __name__ == "__main__":
    main(sys.argv[1])
